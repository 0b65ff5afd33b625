import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { MockOptions } from '../exports/server.js';
import type { MockApi, Sent } from './support/mock-api.js';
import { describeTransports } from './support/transports.js';

// The IETF fields (draft-ietf-httpapi-ratelimit-headers) beside X-RateLimit-*: the same verdict,
// read two ways, must agree on every answer, including under parallel requests.

const POLICY = /^"default";q=(\d+);w=(\d+)$/;
const STATE = /^"default";r=(\d+);t=(\d+)$/;

/** Both families of one answer, as numbers; the IETF ones `undefined` when not sent. */
function fields(sent: Sent) {
  const policy = POLICY.exec(sent.headers['ratelimit-policy'] ?? '');
  const state = STATE.exec(sent.headers.ratelimit ?? '');
  return {
    limit: Number(sent.headers['x-ratelimit-limit']),
    remaining: Number(sent.headers['x-ratelimit-remaining']),
    reset: Number(sent.headers['x-ratelimit-reset']),
    retryAfter: sent.headers['retry-after'] === undefined ? undefined : Number(sent.headers['retry-after']),
    q: policy ? Number(policy[1]) : undefined,
    w: policy ? Number(policy[2]) : undefined,
    r: state ? Number(state[1]) : undefined,
    t: state ? Number(state[2]) : undefined,
  };
}

describeTransports('RateLimit-Policy and RateLimit', (start) => {
  let api: MockApi;
  const withMock = (options: MockOptions) => {
    beforeAll(async () => {
      api = await start(options);
    });
    afterAll(() => api.mock.close());
    beforeEach(() => api.post('/__mock/reset'));
  };
  const clockMs = async () => (await api.get('/__mock/clock')).body.epochMs as number;

  describe('a limit of 5 per minute', () => {
    withMock({ rateLimit: 5 });

    it('count down with X-RateLimit-*, then the 429 says t = Retry-After', async () => {
      const resetAt = (await clockMs()) + 60_000;
      for (let i = 1; i <= 5; i++) {
        const f = fields(await api.get('/calls'));
        expect(f).toMatchObject({ limit: 5, q: 5, w: 60, remaining: 5 - i, r: 5 - i, t: 60 });
        expect(f.reset).toBe(Math.ceil(resetAt / 1000));
      }
      await api.advance(12.5);
      const refused = await api.get('/calls');
      expect(refused.status).toBe(429);
      expect(fields(refused)).toMatchObject({ q: 5, r: 0, remaining: 0, t: 48, retryAfter: 48 });
    });

    it('every authenticated answer carries them, whatever its status; a 401 does not', async () => {
      const answers = [
        await api.get('/agents', { token: 'demo-token-readonly' }), // 200
        await api.post('/agents', { name: 'Desk' }, { token: 'demo-token-readonly' }), // 403
        await api.get('/calls/call_0000000000000000'), // 404
        await api.post('/agents', { nom: 'Desk' }), // 400
      ];
      expect(answers.map((a) => a.status)).toEqual([200, 403, 404, 400]);
      expect(answers.map((a) => fields(a).r)).toEqual([4, 3, 2, 1]);
      for (const a of answers) expect(fields(a)).toMatchObject({ q: 5, w: 60, t: 60 });
      const anonymous = await api.get('/calls', { token: null });
      expect(anonymous.status).toBe(401);
      expect([anonymous.headers['ratelimit-policy'], anonymous.headers.ratelimit]).toEqual([
        undefined,
        undefined,
      ]);
    });
  });

  describe('the default limit of 100 under concurrency', () => {
    withMock({});

    it('parallel requests: each answer’s RateLimit agrees with its X-RateLimit-* and Retry-After', async () => {
      expect(fields(await api.get('/calls'))).toMatchObject({ r: 99, t: 60 }); // opens the window
      await api.advance(7);
      const answers = await Promise.all(Array.from({ length: 119 }, () => api.get('/calls')));
      const passed = answers.filter((a) => a.status === 200).map(fields);
      const refused = answers.filter((a) => a.status === 429).map(fields);
      expect([passed.length, refused.length]).toEqual([99, 20]);
      expect(new Set(passed.map((f) => f.r))).toEqual(new Set(Array.from({ length: 99 }, (_, i) => i)));
      for (const f of [...passed, ...refused]) {
        expect(f).toMatchObject({ q: 100, w: 60, limit: 100, t: 53 });
        expect(f.r).toBe(f.remaining);
      }
      for (const f of refused) expect([f.r, f.retryAfter]).toEqual([0, 53]);
      await api.advance(53);
      const later = fields(await api.get('/calls'));
      expect(later).toMatchObject({ r: 99, t: 60 });
      expect(later.reset).toBe(Math.ceil(((await clockMs()) + 60_000) / 1000));
    });
  });

  describe('rateLimit: 0', () => {
    withMock({ rateLimit: 0 });

    it('the IETF fields never say wait and agree with X-RateLimit-*', async () => {
      const answers = await Promise.all(Array.from({ length: 20 }, () => api.get('/calls')));
      for (const sent of answers) {
        const f = fields(sent);
        expect(sent.status).toBe(200);
        expect(f).toMatchObject({ limit: 2 ** 31 - 1, q: 2 ** 31 - 1, w: 60, t: 60 });
        expect(f.r).toBe(f.remaining);
        expect(f.remaining).toBeGreaterThan(2 ** 31 - 1 - 21);
      }
    });
  });
});
