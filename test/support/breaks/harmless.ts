import type { Breakage, ProxiedResponse } from './breaking-proxy.js';
import { json } from './ways-to-break.js';

/** A difference from the mock that a correct server may have: the suite must still pass. */
export interface HarmlessVariation {
  name: string;
  variation: Breakage;
  /** Mock options and opt-ins the variation needs to show (the rate limit, for the IETF fields). */
  mock?: { rateLimit?: number };
  include?: Array<'rate-limit' | 'webhooks'>;
}

function rewriteJson(response: ProxiedResponse, write: (body: unknown) => string): void {
  if (!json(response) || response.body.length === 0) return;
  response.body = Buffer.from(write(JSON.parse(response.body.toString('utf8'))));
}

// The same document with every object's keys in reverse order.
function reversedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, reversedKeys(v)]),
  );
}

/** The IETF fields (draft-ietf-httpapi-ratelimit-headers) as a correct server would send them. */
function standardRateLimitFields(response: ProxiedResponse): void {
  const { 'x-ratelimit-limit': limit, 'x-ratelimit-remaining': remaining } = response.headers;
  if (limit === undefined || remaining === undefined) return;
  const t = response.headers['retry-after'] ?? '60';
  response.headers['ratelimit-policy'] = `"default";q=${limit};w=60`;
  response.headers.ratelimit = `"default";r=${remaining};t=${t}`;
}

// RFC 9457 §3.2: a problem type may carry extension members; clients ignore those they do not know.
function withExtensionMembers(response: ProxiedResponse): void {
  if (!/problem\+json/.test(response.headers['content-type'] ?? '')) return;
  rewriteJson(response, (b) =>
    JSON.stringify({ ...(b as object), instance: '/errors/1', traceId: 'trace-1f2e3d', retryable: false }),
  );
}

// "Rounded to whole seconds" leaves the way of rounding open: down is as good as to the nearest.
function durationsRoundedDown(response: ProxiedResponse): void {
  rewriteJson(response, (b) => {
    const body = b as { data?: unknown };
    const calls = (Array.isArray(body.data) ? body.data : [body]) as Array<Record<string, unknown>>;
    for (const call of calls)
      if (typeof call.durationSeconds === 'number' && call.answeredAt && call.endedAt)
        call.durationSeconds = Math.floor(
          (Date.parse(String(call.endedAt)) - Date.parse(String(call.answeredAt))) / 1000,
        );
    return JSON.stringify(b);
  });
}

/** Harmless variations of a correct server. */
export const HARMLESS: HarmlessVariation[] = [
  {
    name: 'extra response headers',
    variation: {
      response: (r) =>
        void Object.assign(r.headers, {
          server: 'nginx',
          via: '1.1 edge',
          'x-powered-by': 'telephony',
          'cache-control': 'no-store',
          'server-timing': 'app;dur=3',
          vary: 'Accept, Authorization',
        }),
    },
  },
  {
    name: '; charset=utf-8 on every media type',
    variation: {
      response: (r) => {
        const type = r.headers['content-type'];
        if (type && !/charset/i.test(type)) r.headers['content-type'] = `${type}; charset=utf-8`;
      },
    },
  },
  {
    name: 'keys in another order',
    variation: { response: (r) => rewriteJson(r, (b) => JSON.stringify(reversedKeys(b))) },
  },
  {
    name: 'pretty-printed JSON',
    variation: { response: (r) => rewriteJson(r, (b) => `${JSON.stringify(b, null, 2)}\n`) },
  },
  { name: 'tens of milliseconds of latency', variation: { delayMs: 30 } },
  { name: 'problem documents with extension members', variation: { response: withExtensionMembers } },
  { name: 'chunked bodies (no Content-Length)', variation: { chunked: true } },
  {
    name: 'no IETF RateLimit or RateLimit-Policy fields (they are optional)',
    variation: {
      response: (r) => {
        delete r.headers['ratelimit-policy'];
        delete r.headers.ratelimit;
      },
    },
  },
  { name: 'durationSeconds rounded down', variation: { response: durationsRoundedDown } },
  {
    name: 'the IETF RateLimit and RateLimit-Policy fields, correct',
    variation: { response: standardRateLimitFields },
    mock: { rateLimit: 100 },
    include: ['rate-limit'],
  },
];
