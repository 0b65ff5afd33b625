import { describe, expect, it } from 'vitest';
import { type PacerClock, RequestPacer } from './dial-pacer.js';

/**
 * A mock-side rate limiter (a window of `limit` per minute on a fake clock) and a pacer in front of
 * it: every request the pacer lets out is answered as the mock would, and counted.
 */
function harness(limit: number) {
  let now = 0;
  let windowStart = 0;
  let used = 0;
  let pausedUntil = 0;
  const log = { sent: 0, rateLimited: 0, insideRetryAfter: 0 };
  const clock: PacerClock = {
    now: async () => now,
    // A macrotask per sleep, as a real timer is: the answers in flight get their turn.
    sleep: async (ms) => {
      now += Math.max(1, ms);
      await new Promise((resolve) => setImmediate(resolve));
    },
  };
  const pacer = new RequestPacer(clock);
  const answer = () => {
    log.sent++;
    if (now < pausedUntil) log.insideRetryAfter++;
    if (now >= windowStart + 60_000) {
      windowStart = now;
      used = 0;
    }
    const resetAt = windowStart + 60_000;
    const allowed = used < limit;
    if (allowed) used++;
    const headers = new Headers({
      'x-ratelimit-remaining': String(limit - used),
      'x-ratelimit-reset': String(Math.ceil(resetAt / 1000)),
    });
    if (allowed) return { status: 201, headers };
    log.rateLimited++;
    const retryAfter = Math.max(1, Math.ceil((resetAt - now) / 1000));
    pausedUntil = now + retryAfter * 1000;
    headers.set('retry-after', String(retryAfter));
    return { status: 429, headers };
  };
  /** `n` requests from `workers` concurrent senders, each answered after a tick. */
  const run = async (n: number, workers: number) => {
    let left = n;
    const worker = async () => {
      while (left > 0) {
        left--;
        await pacer.acquire();
        await new Promise((resolve) => setImmediate(resolve));
        await pacer.release(answer());
      }
    };
    await Promise.all(Array.from({ length: workers }, worker));
    return { ...log, minutes: now / 60_000 };
  };
  return { pacer, run, answer };
}

describe('RequestPacer', () => {
  it('250 requests, 20 at a time, against 100 a minute: none refused, three windows used', async () => {
    const result = await harness(100).run(250, 20);
    expect(result).toMatchObject({ sent: 250, rateLimited: 0, insideRetryAfter: 0 });
    expect(result.minutes).toBeGreaterThanOrEqual(2);
    expect(result.minutes).toBeLessThan(2.1);
  });

  it('after a 429 (budget spent by someone else) it sends nothing until Retry-After has passed', async () => {
    const h = harness(5);
    for (let i = 0; i < 5; i++) h.answer(); // another client of the same user spent the window
    const result = await h.run(8, 4);
    expect(result.rateLimited).toBe(1);
    expect(result.insideRetryAfter).toBe(0);
    expect(result.sent).toBe(5 + 8); // the first probe meets the 429; the other seven wait for the next window
  });

  it('before the first answer it sends one request at a time', async () => {
    const h = harness(100);
    await h.pacer.acquire();
    let second = false;
    const waiting = h.pacer.acquire().then(() => {
      second = true;
    });
    await new Promise((resolve) => setImmediate(resolve));
    expect(second).toBe(false);
    await h.pacer.release(h.answer());
    await waiting;
    expect(second).toBe(true);
  });
});
