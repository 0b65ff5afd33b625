import { describe, expect, it } from 'vitest';
import { cutMarker, JOURNAL_BODY_BYTES, Journal, type JournalRecord } from './journal.js';

const entry = (i: number, requestBody?: Uint8Array, responseBody?: string): JournalRecord => ({
  id: `req_${String(i).padStart(16, '0')}`,
  at: '2026-01-01T00:00:00.000Z',
  method: 'POST',
  path: '/agents',
  operationId: 'createAgent',
  userId: 'demo',
  status: 400,
  latencyMs: 1,
  requestHeaders: { 'content-type': 'application/json' },
  requestBody,
  responseHeaders: {},
  responseBody,
});

// A 1.9 MB JSON body with 50,000 keys, as in the issue.
const huge = new TextEncoder().encode(
  JSON.stringify(Object.fromEntries(Array.from({ length: 50_000 }, (_, i) => [`key${i}`, 'x'.repeat(30)]))),
);

describe('Journal: bytes, not counts', () => {
  it('keeps at most 10 KiB of each body, and shows the cut with a marker', () => {
    const journal = new Journal();
    journal.record(entry(1, huge, 'r'.repeat(50_000)));
    const [shown] = journal.list();
    expect(shown?.request.body).toBe(
      `${new TextDecoder().decode(huge.subarray(0, JOURNAL_BODY_BYTES))}${cutMarker(huge.length)}`,
    );
    expect(shown?.response.body).toBe(`${'r'.repeat(JOURNAL_BODY_BYTES)}${cutMarker(50_000)}`);
    expect(journal.bytes).toBeLessThan(3 * JOURNAL_BODY_BYTES);
  });

  it('a body that fits is shown whole, parsed when it is JSON', () => {
    const journal = new Journal();
    journal.record(entry(1, new TextEncoder().encode('{"name":"Desk"}'), 'not json'));
    expect(journal.list()[0]).toMatchObject({
      request: { body: { name: 'Desk' } },
      response: { body: 'not json' },
    });
  });

  it('two hundred 1.9 MB requests hold no more than the byte budget, newest kept', () => {
    const journal = new Journal(1000, 200_000);
    for (let i = 0; i < 200; i++) journal.record(entry(i, huge, 'x'.repeat(20_000)));
    expect(journal.bytes).toBeLessThanOrEqual(200_000);
    const listed = journal.list({ limit: 1000 });
    expect(listed.length).toBeGreaterThan(1);
    expect(listed.length).toBeLessThan(200);
    expect(listed[0]?.id).toBe(entry(199).id);
  });

  it('does not keep the request it was given: the kept body is a copy', () => {
    const journal = new Journal();
    const body = new TextEncoder().encode('{"a":1}');
    journal.record(entry(1, body));
    body[5] = 0x32; // "2"
    expect(journal.list()[0]?.request.body).toEqual({ a: 1 });
  });

  it('the count still bounds it, and clear() frees the bytes', () => {
    const journal = new Journal(5);
    for (let i = 0; i < 12; i++) journal.record(entry(i));
    expect(journal.list({ limit: 100 }).map((e) => e.id)).toEqual([11, 10, 9, 8, 7].map((i) => entry(i).id));
    journal.clear();
    expect([journal.list(), journal.bytes]).toEqual([[], 0]);
  });
});
