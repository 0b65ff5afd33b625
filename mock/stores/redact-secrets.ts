/**
 * What the journal and the inspector show of secrets: never the value, only a short suffix so a
 * human can tell two apart — at most a quarter of it and at most four characters (`…oken`).
 */
export function secretHint(secret: string): string {
  const keep = Math.min(4, Math.floor(secret.length / 4));
  return `…${keep > 0 ? secret.slice(-keep) : ''}`;
}

// Headers that carry a credential whole; Authorization and Proxy-Authorization keep their scheme.
const CREDENTIAL_HEADERS = new Set(['authorization', 'proxy-authorization', 'x-api-key', 'x-admin-token']);
const SCHEMED = /^([A-Za-z][A-Za-z0-9._~+/-]*)\s+(.+)$/;

function hideHeader(name: string, value: string): string {
  if (name === 'cookie')
    return value
      .split(';')
      .map((pair) => {
        const eq = pair.indexOf('=');
        return eq < 0
          ? secretHint(pair.trim())
          : `${pair.slice(0, eq).trim()}=${secretHint(pair.slice(eq + 1).trim())}`;
      })
      .join('; ');
  const schemed = name.endsWith('authorization') ? SCHEMED.exec(value) : null;
  return schemed ? `${schemed[1]} ${secretHint(schemed[2] as string)}` : secretHint(value);
}

/** Headers as the journal keeps them: credentials and cookies reduced to a hint. */
export function redactHeaders(headers: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers)) {
    if (value === undefined) continue;
    const lower = name.toLowerCase();
    out[name] = CREDENTIAL_HEADERS.has(lower) || lower === 'cookie' ? hideHeader(lower, value) : value;
  }
  return out;
}

// Keys whose string value is a secret wherever they appear in a body.
const SECRET_KEY = /secret|token|password|passwd|api[-_]?key|authorization|credential|signature/i;
// Secrets recognisable in any text: webhook signing secrets, bearer tokens, credentials in a URL's query.
const IN_TEXT: Array<[RegExp, (match: string, ...groups: string[]) => string]> = [
  [/whsec_[A-Za-z0-9+/=_-]{4,}/g, (m) => `whsec_${secretHint(m.slice(6))}`],
  [/\b(Bearer\s+)([\x21-\x7E]{4,})/gi, (_m, scheme, token) => `${scheme}${secretHint(token)}`],
  [
    /([?&](?:access_token|token|api_key|apikey|key|secret|sig|signature|password)=)([^&#\s"']+)/gi,
    // `***` rather than an ellipsis: the URL must stay a URL (ASCII), as the specs' `format: uri` requires.
    (_m, name, value) => `${name}***${secretHint(value).slice(1)}`,
  ],
];

function redactText(text: string): string {
  let out = text;
  for (const [pattern, replace] of IN_TEXT) out = out.replace(pattern, replace);
  return out;
}

/**
 * A body (parsed JSON or text) as the journal and the inspector show it: the string under a
 * secret-looking key, and any `whsec_…` secret, bearer token or credential in a URL, reduced
 * to a hint. The original is not changed.
 */
export function redactBody<T>(value: T): T {
  return redactValue(value, '') as T;
}

// Same shape as what it is given: only strings change, and they stay strings.
function redactValue(value: unknown, key: string): unknown {
  if (typeof value === 'string') {
    const text = redactText(value);
    return text === value && SECRET_KEY.test(key) ? secretHint(value) : text;
  }
  if (Array.isArray(value)) return value.map((item) => redactValue(item, key));
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) out[k] = redactValue(v, k);
    return out;
  }
  return value;
}
