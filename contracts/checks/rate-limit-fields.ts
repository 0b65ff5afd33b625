import type { Exchange } from '../exchange.js';

/** One item of an RFC 8941 list: `"name";key=value;…` → its parameters. */
function parameters(field: string): Map<string, string> | undefined {
  const first = field.split(',')[0]?.trim() ?? '';
  const [name, ...params] = first.split(';').map((p) => p.trim());
  if (!name || !/^("[^"]*"|[A-Za-z*][A-Za-z0-9_.*:/-]*)$/.test(name)) return undefined;
  const out = new Map<string, string>();
  for (const param of params) {
    const [key, value = '?1'] = param.split('=', 2);
    if (key) out.set(key.trim(), value.trim());
  }
  return out;
}

const integer = (value: string | undefined) =>
  value !== undefined && /^\d+$/.test(value.trim()) ? Number(value) : undefined;

/**
 * `rate-limit-fields`: when the target sends the IETF `RateLimit-Policy` and `RateLimit` fields
 * (draft-ietf-httpapi-ratelimit-headers), they agree with the documented headers: the policy's
 * quota `q` is `X-RateLimit-Limit`, `r` is `X-RateLimit-Remaining`, and on a 429 `t` is
 * `Retry-After`. 'absent' when it sends neither (nothing to judge).
 */
export function judgeRateLimitFields(exchange: Exchange): string | undefined | 'absent' {
  const h = exchange.responseHeaders;
  const policyField = h['ratelimit-policy'];
  const limitField = h.ratelimit;
  if (policyField === undefined && limitField === undefined) return 'absent';
  const problems: string[] = [];
  const limit = integer(h['x-ratelimit-limit']);
  const remaining = integer(h['x-ratelimit-remaining']);
  if (policyField !== undefined) {
    const policy = parameters(policyField);
    const q = integer(policy?.get('q'));
    if (q === undefined) problems.push(`RateLimit-Policy '${policyField}' has no integer q`);
    else if (limit !== undefined && q !== limit)
      problems.push(`RateLimit-Policy q=${q}, X-RateLimit-Limit ${limit}`);
  }
  if (limitField !== undefined) {
    const fields = parameters(limitField);
    const r = integer(fields?.get('r'));
    const t = integer(fields?.get('t'));
    if (r === undefined) problems.push(`RateLimit '${limitField}' has no integer r`);
    else if (remaining !== undefined && r !== remaining)
      problems.push(`RateLimit r=${r}, X-RateLimit-Remaining ${remaining}`);
    const retryAfter = integer(h['retry-after']);
    if (fields?.has('t') && t === undefined)
      problems.push(`RateLimit '${limitField}' has a t that is not an integer`);
    if (exchange.status === 429 && retryAfter !== undefined && t !== undefined && t !== retryAfter)
      problems.push(`RateLimit t=${t}, Retry-After ${retryAfter}`);
  }
  return problems.length > 0 ? problems.join('; ') : undefined;
}
