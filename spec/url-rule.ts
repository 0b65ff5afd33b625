import { fullFormats } from 'ajv-formats/dist/formats.js';

/**
 * The spec's mark on the URLs the service is given to call, fetch or deliver to (openapi.yaml:
 * `x-http-url: true` beside the standard `format: uri`). Stock tools ignore an `x-` extension; the
 * mock's validators read it as this rule (src/formats.ts).
 */
export const HTTP_URL_KEYWORD = 'x-http-url';

/** The format the mock's own Ajv checks the rule with; never written in a spec (stock tools refuse unknown formats). */
export const HTTP_URL_FORMAT = 'http-url';

export type UrlParse = { ok: true; url: URL } | { ok: false; reason: string };

// ajv-formats' RFC 3986 check, the `format: uri` the spec used before: the rule stays at least as strict.
const isRfc3986Uri = fullFormats.uri as (text: string) => boolean;

/**
 * The one rule for URLs the mock is given to call, fetch or deliver to: an absolute `http:` or
 * `https:` URL that RFC 3986 and the WHATWG URL parser (what `fetch` uses) both accept, with a
 * host, and without a user name or password (`fetch` refuses those). The validators apply it where
 * the spec says `x-http-url: true`, and the domain parses with it, so a URL that passed validation
 * never throws later.
 */
export function parseHttpUrl(text: string): UrlParse {
  if (!isRfc3986Uri(text)) return { ok: false, reason: 'is not an RFC 3986 URI' };
  if (!URL.canParse(text)) return { ok: false, reason: 'is not a URL a WHATWG parser accepts' };
  const url = new URL(text);
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    return { ok: false, reason: `must be http or https, not ${url.protocol}` };
  if (url.hostname === '') return { ok: false, reason: 'has no host' };
  if (url.username !== '' || url.password !== '')
    return { ok: false, reason: 'must not carry a user name or password' };
  return { ok: true, url };
}

/** The rule as an Ajv format definition, registered as `http-url` through spec/formats.ts (`ownFormats`). */
export const httpUrlFormat = {
  type: 'string',
  validate: (text: string) => parseHttpUrl(text).ok,
} as const;
