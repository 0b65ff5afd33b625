import { describe, expect, it } from 'vitest';
import { journalRecord } from '../../test/support/journal-record.js';
import { Journal, type JournalRecord } from './journal.js';
import { redactHeaders } from './redact-secrets.js';

const encode = (text: string) => new TextEncoder().encode(text);

const entry = (n: number, fields: Partial<JournalRecord> = {}) => journalRecord(`req_${n}`, fields);

const ids = (journal: Journal, filter?: Parameters<Journal['list']>[0]) =>
  journal.list(filter).map((e) => e.id);

describe('Journal', () => {
  it('lists newest first and keeps only the latest `capacity` requests', () => {
    const journal = new Journal(3);
    expect(ids(journal)).toEqual([]);
    for (let n = 1; n <= 2; n++) journal.record(entry(n));
    expect(ids(journal)).toEqual(['req_2', 'req_1']);
    for (let n = 3; n <= 7; n++) journal.record(entry(n));
    expect(ids(journal)).toEqual(['req_7', 'req_6', 'req_5']);
  });

  it('keeps 1000 requests by default and lists 100 unless asked', () => {
    const journal = new Journal();
    for (let n = 1; n <= 1001; n++) journal.record(entry(n));
    expect(journal.list()).toHaveLength(100);
    const all = ids(journal, { limit: 5000 });
    expect([all.length, all[0], all.at(-1)]).toEqual([1000, 'req_1001', 'req_2']);
  });

  it.each([
    ['a limit', { limit: 2 }, ['req_4', 'req_3']],
    ['a user', { userId: 'other' }, ['req_4', 'req_2']],
    ['an operation', { operationId: 'createCall' }, ['req_3', 'req_2']],
    ['a user and an operation', { userId: 'other', operationId: 'createCall' }, ['req_2']],
    ['a user and a limit', { userId: 'demo', limit: 1 }, ['req_3']],
  ])('filters by %s', (_name, filter, want) => {
    const journal = new Journal(10);
    journal.record(entry(1));
    journal.record(entry(2, { userId: 'other', operationId: 'createCall' }));
    journal.record(entry(3, { operationId: 'createCall' }));
    journal.record(entry(4, { userId: 'other' }));
    expect(ids(journal, filter)).toEqual(want);
  });

  it('an entry shows the request and response as sent, with bodies parsed', () => {
    const journal = new Journal(10);
    journal.record(
      entry(1, {
        method: 'POST',
        status: 201,
        latencyMs: 2.5,
        requestHeaders: { 'content-type': 'application/json' },
        requestBody: encode('{"to":"+14155550123"}'),
        responseHeaders: { Location: '/calls/call_1' },
        responseBody: '{"id":"call_1"}',
      }),
    );
    expect(journal.list()).toEqual([
      {
        id: 'req_1',
        at: '2026-01-01T00:00:00.000Z',
        method: 'POST',
        path: '/calls',
        operationId: 'listCalls',
        userId: 'demo',
        status: 201,
        latencyMs: 2.5,
        request: { headers: { 'content-type': 'application/json' }, body: { to: '+14155550123' } },
        response: { headers: { Location: '/calls/call_1' }, body: { id: 'call_1' } },
      },
    ]);
  });

  const LIMIT = 10_240;
  it.each([
    ['no body', undefined, null],
    ['an empty body', encode(''), null],
    ['an empty text', '', null],
    ['JSON', encode('[1,2]'), [1, 2]],
    ['text that is not JSON', encode('to=+1415'), 'to=+1415'],
    ['JSON at the size limit', encode(`"${'a'.repeat(LIMIT - 2)}"`), 'a'.repeat(LIMIT - 2)],
    ['text at the size limit', 'b'.repeat(LIMIT), 'b'.repeat(LIMIT)],
    // One byte over is cut at the limit, and the marker says how long the body was.
    [
      'a body over the limit, cut',
      encode(`"${'c'.repeat(LIMIT)}"`),
      `"${'c'.repeat(LIMIT - 1)}… (cut: ${LIMIT + 2} bytes in all)`,
    ],
    [
      'a text over the limit, cut',
      'd'.repeat(LIMIT + 5),
      `${'d'.repeat(LIMIT)}… (cut: ${LIMIT + 5} bytes in all)`,
    ],
  ])('a request or response with %s', (_name, raw, want) => {
    const journal = new Journal(10);
    journal.record(
      entry(1, {
        requestBody: typeof raw === 'string' ? encode(raw) : raw,
        responseBody: typeof raw === 'string' ? raw : raw && new TextDecoder().decode(raw),
      }),
    );
    const [listed] = journal.list();
    expect([listed?.request.body, listed?.response.body]).toEqual([want, want]);
  });

  it('clear() empties it; recording goes on as before', () => {
    const journal = new Journal(2);
    journal.record(entry(1));
    journal.record(entry(2));
    journal.clear();
    expect(ids(journal)).toEqual([]);
    journal.record(entry(3));
    expect(ids(journal)).toEqual(['req_3']);
  });
});

// The hint itself (a quarter of the secret, at most four characters) is in redact-secrets.test.ts;
// here, how the journal's headers use it: its edges, and what becomes of the scheme.
describe('redactHeaders', () => {
  it.each([
    ['a long Bearer token keeps four characters, no more', 'Bearer demo-token-readonly-0042', 'Bearer …0042'],
    ['the scheme as it was written', 'bearer demo-token-other', 'bearer …ther'],
    ['several spaces after the scheme', 'Bearer    demo-token-other', 'Bearer …ther'],
    ['a 12-character token keeps three', 'Bearer abcdefghijkl', 'Bearer …jkl'],
    ['an 11-character token keeps two', 'Bearer abcdefghijk', 'Bearer …jk'],
    ['a four-character token keeps one', 'Bearer abcd', 'Bearer …d'],
    ['a shorter token shows nothing of itself', 'Bearer abc', 'Bearer …'],
    ['another scheme keeps its scheme too', 'Basic ZGVtbzpkZW1vZGVtbw==', 'Basic …bw=='],
    ['a credential without a scheme', 'demo-token-readonly', '…only'],
  ])('authorization: %s', (_name, value, want) => {
    expect(redactHeaders({ authorization: value })).toEqual({ authorization: want });
  });

  it('hides the admin token, keeps other headers and drops missing ones', () => {
    expect(
      redactHeaders({
        'x-admin-token': 'secret-admin-token',
        'content-type': 'application/json',
        prefer: undefined,
      }),
    ).toEqual({ 'x-admin-token': '…oken', 'content-type': 'application/json' });
  });
});
