import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { MockApi, Sent } from './support/mock-api.js';
import { describeTransports } from './support/transports.js';

// Three mocks, one per describe (MSW intercepts for one at a time): a small limit keeps the
// sequential cases fast, the default shows the documented 100 under concurrency, and 0 turns
// limiting off.
let small: MockApi;
let standard: MockApi;
let off: MockApi;
const LIMIT = 10;
const limits = (sent: Sent) => ({
  limit: Number(sent.headers['x-ratelimit-limit']),
  remaining: Number(sent.headers['x-ratelimit-remaining']),
  reset: Number(sent.headers['x-ratelimit-reset']),
});

async function clockMs(api: MockApi): Promise<number> {
  return (await api.get('/__mock/clock')).body.epochMs;
}

describeTransports('rate limit', (start) => {
  describe(`a limit of ${LIMIT} per minute`, () => {
    beforeAll(async () => {
      small = await start({ rateLimit: LIMIT });
    });
    afterAll(() => small.mock.close());
    beforeEach(() => small.post('/__mock/reset'));

    it('counts down exactly, then answers 429 with Retry-After', async () => {
      const start = await clockMs(small);
      const wantReset = Math.ceil((start + 60_000) / 1000);
      for (let i = 1; i <= LIMIT; i++) {
        const sent = await small.get('/calls');
        expect(sent.status).toBe(200);
        expect(limits(sent)).toEqual({ limit: LIMIT, remaining: LIMIT - i, reset: wantReset });
      }
      const refused = await small.get('/calls');
      expect([refused.status, refused.body.code]).toEqual([429, 'rate_limited']);
      expect(limits(refused)).toEqual({ limit: LIMIT, remaining: 0, reset: wantReset });
      expect(refused.headers['retry-after']).toBe('60');
    });

    it('X-RateLimit-Reset is Unix seconds of the mock’s clock, not the wall clock', async () => {
      await small.request('PUT', '/__mock/clock', { body: { now: '2031-06-01T12:00:00.000Z' } });
      const sent = await small.get('/calls');
      expect(limits(sent).reset).toBe(Date.parse('2031-06-01T12:01:00.000Z') / 1000);
    });

    it('counts every request of the user, whatever the operation, token or outcome', async () => {
      const mix = [
        () => small.get('/calls'),
        () => small.get('/agents', { token: 'demo-token-readonly' }),
        () => small.post('/agents', { name: 'Desk' }, { token: 'demo-token-readonly' }), // 403
        () => small.get('/calls/call_0000000000000000'), // 404
        () => small.post('/agents', { nom: 'Desk' }), // 400
      ];
      const remaining: number[] = [];
      for (let i = 0; i < LIMIT; i++)
        remaining.push(limits(await (mix[i % mix.length] as () => Promise<Sent>)()).remaining);
      expect(remaining).toEqual([9, 8, 7, 6, 5, 4, 3, 2, 1, 0]);
      expect((await small.get('/agents', { token: 'demo-token-readonly' })).status).toBe(429);
    });

    it('a refused request creates nothing', async () => {
      for (let i = 0; i < LIMIT; i++) await small.get('/agents');
      const refused = await small.post('/agents', { name: 'Too late' });
      expect(refused.status).toBe(429);
      expect(small.telephony.snapshot().users.demo?.agents ?? []).toEqual([]);
      await small.advance(60);
      expect((await small.get('/agents')).body.data).toEqual([]);
    });

    it('another user is unaffected', async () => {
      for (let i = 0; i <= LIMIT; i++) await small.get('/calls');
      expect((await small.get('/calls')).status).toBe(429);
      const other = await small.get('/calls', { token: 'demo-token-other' });
      expect(other.status).toBe(200);
      expect(limits(other).remaining).toBe(LIMIT - 1);
    });

    it('the window resets when the mock’s clock has moved 60 s, and Retry-After follows the clock', async () => {
      for (let i = 0; i < LIMIT; i++) await small.get('/calls');
      await small.advance(30);
      const waiting = await small.get('/calls');
      expect([waiting.status, waiting.headers['retry-after']]).toEqual([429, '30']);
      await small.advance(29.5);
      const almost = await small.get('/calls');
      expect([almost.status, almost.headers['retry-after']]).toEqual([429, '1']);
      await small.advance(0.5);
      const fresh = await small.get('/calls');
      expect(fresh.status).toBe(200);
      expect(limits(fresh)).toEqual({
        limit: LIMIT,
        remaining: LIMIT - 1,
        reset: Math.ceil(((await clockMs(small)) + 60_000) / 1000),
      });
    });

    it('the admin API is never rate-limited', async () => {
      for (let i = 0; i <= LIMIT; i++) await small.get('/calls');
      for (let i = 0; i < LIMIT; i++) expect((await small.get('/__mock/clock')).status).toBe(200);
      expect((await small.get('/calls')).status).toBe(429);
    });

    it('401s do not spend anyone’s quota', async () => {
      for (let i = 0; i < LIMIT * 2; i++)
        expect((await small.get('/calls', { token: 'unknown' })).status).toBe(401);
      expect(limits(await small.get('/calls')).remaining).toBe(LIMIT - 1);
    });
  });

  describe('the default limit of 100 under concurrency', () => {
    beforeAll(async () => {
      standard = await start();
    });
    afterAll(() => standard.mock.close());
    beforeEach(() => standard.post('/__mock/reset'));

    it('150 parallel requests from one user → exactly 100 pass, each with its own Remaining', async () => {
      const answers = await Promise.all(Array.from({ length: 150 }, () => standard.get('/calls')));
      const passed = answers.filter((a) => a.status === 200);
      const refused = answers.filter((a) => a.status === 429);
      expect([passed.length, refused.length]).toEqual([100, 50]);
      expect(new Set(passed.map((a) => limits(a).remaining))).toEqual(
        new Set(Array.from({ length: 100 }, (_, i) => i)),
      );
      for (const a of answers) expect(limits(a).limit).toBe(100);
      for (const a of refused) expect(Number(a.headers['retry-after'])).toBeGreaterThan(0);
      // The other users still have their whole minute.
      const other = await standard.get('/calls', { token: 'demo-token-other' });
      expect([other.status, limits(other).remaining]).toEqual([200, 99]);
      await standard.advance(60);
      expect((await standard.get('/calls')).status).toBe(200);
    });

    it('parallel creates from two users: 100 each, never more', async () => {
      const agents = await Promise.all([standard.agent(), standard.agent('demo-token-other')]);
      const answers = await Promise.all(
        Array.from({ length: 240 }, (_, i) => {
          const token = i % 2 === 0 ? 'demo-token' : 'demo-token-other';
          return standard.post('/calls', { to: '+14155550123', agentId: agents[i % 2] }, { token });
        }),
      );
      const created = (token: string) =>
        answers.filter(
          (a, i) => a.status === 201 && (i % 2 === 0 ? 'demo-token' : 'demo-token-other') === token,
        ).length;
      // Each user spent one request on the agent.
      expect([created('demo-token'), created('demo-token-other')]).toEqual([99, 99]);
      expect(answers.filter((a) => a.status === 429)).toHaveLength(240 - 198);
      const snapshot = standard.telephony.snapshot();
      expect([snapshot.users.demo?.calls.length, snapshot.users.other?.calls.length]).toEqual([99, 99]);
    });
  });

  describe('rateLimit: 0', () => {
    beforeAll(async () => {
      off = await start({ rateLimit: 0 });
    });
    afterAll(() => off.mock.close());
    beforeEach(() => off.post('/__mock/reset'));

    it('turns limiting off: 150 parallel requests all pass and the headers never say wait', async () => {
      const answers = await Promise.all(Array.from({ length: 150 }, () => off.get('/calls')));
      expect(answers.every((a) => a.status === 200)).toBe(true);
      // A quota nobody reaches, counted down like any other: a pacing client never waits, and
      // Remaining never exceeds the limit (what `X-RateLimit-Limit: 0` beside a huge Remaining broke).
      const remaining = answers.map((a) => limits(a).remaining).sort((a, b) => b - a);
      for (const a of answers) expect(limits(a).limit).toBe(2 ** 31 - 1);
      expect(remaining).toEqual(Array.from({ length: 150 }, (_, i) => 2 ** 31 - 2 - i));
    });
  });
});
