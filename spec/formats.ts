import type { Format } from 'ajv';
import { HTTP_URL_FORMAT, httpUrlFormat } from './url-rule.js';

/**
 * String formats of our own, beyond ajv-formats' (which the validators also add), by name. The
 * generated standalone validators import them from here (scripts/generate-validators.ts), so a
 * format added here works the same compiled at run time and ahead of time.
 */
export const ownFormats: Record<string, Format> = {
  // The one URL rule (spec/url-rule.ts): what the spec's request URLs are checked with.
  [HTTP_URL_FORMAT]: httpUrlFormat,
};
