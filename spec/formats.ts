import type { Format, KeywordDefinition } from 'ajv';
import { HTTP_URL_FORMAT, HTTP_URL_KEYWORD, httpUrlFormat } from './url-rule.js';

/**
 * String formats of our own, beyond ajv-formats' (which the validators also add), by name. The
 * generated standalone validators import them from here (scripts/generate-validators.ts), so a
 * format added here works the same compiled at run time and ahead of time.
 */
export const ownFormats: Record<string, Format> = {
  // The one URL rule (spec/url-rule.ts): what the spec's request URLs are checked with.
  [HTTP_URL_FORMAT]: httpUrlFormat,
};

/**
 * The spec's `x-` extensions that the validators apply: `x-http-url: true` expands to the URL
 * rule's format (a macro, so the build's standalone validators carry it as plain schema).
 */
export const ownKeywords: KeywordDefinition[] = [
  {
    keyword: HTTP_URL_KEYWORD,
    schemaType: 'boolean',
    macro: (applies: boolean) => (applies ? { format: HTTP_URL_FORMAT } : true),
  },
];

/** Keywords whose own error only repeats what their expansion already said. */
export const MACRO_KEYWORDS: ReadonlySet<string> = new Set(ownKeywords.map((k) => k.keyword as string));
