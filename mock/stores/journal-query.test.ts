import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { journalRecord } from '../../test/support/journal-record.js';
import { type PipelineClient, pipelineClient, T0 } from '../../test/support/pipeline-client.js';
import { Journal, type JournalRecord } from './journal.js';
import { type JournalFilter, queryJournal } from './journal-query.js';

const CALL = 'call_00000000000000a1';
const OTHER_CALL = 'call_00000000000000b2';
const at = (seconds: number) => new Date(T0 + seconds * 1000).toISOString();

// A day of traffic, oldest first: ids r1…r7.
const TRAFFIC: Array<Partial<JournalRecord>> = [
  { path: '/calls', operationId: 'createCall', status: 201, responseBody: JSON.stringify({ id: CALL }) },
  { path: `/calls/${CALL}`, operationId: 'getCall', status: 200 },
  { path: `/calls/${CALL}/respond`, operationId: 'respondToCall', status: 200 },
  { path: `/calls/${OTHER_CALL}/respond`, operationId: 'respondToCall', status: 409, userId: 'other' },
  { path: `/calls?after=${CALL}`, operationId: 'listCalls', status: 200 },
  { path: `/calls/${CALL}/respond`, operationId: 'respondToCall', status: 429 },
  {
    path: '/nowhere',
    operationId: null,
    status: 404,
    userId: null,
    responseBody: JSON.stringify({ id: CALL }),
  },
];

const entry = (id: string, seconds: number, r: Partial<JournalRecord> = {}) =>
  journalRecord(id, { at: at(seconds), ...r });

function journalOfTraffic(): Journal {
  const journal = new Journal();
  for (const [i, r] of TRAFFIC.entries()) journal.record(entry(`r${i + 1}`, i * 10, r));
  return journal;
}

describe('queryJournal', () => {
  const journal = journalOfTraffic();
  const cases: Array<[string, { given: JournalFilter; want: string[] }]> = [
    ['no filter: all, newest first', { given: {}, want: ['r7', 'r6', 'r5', 'r4', 'r3', 'r2', 'r1'] }],
    ['one user', { given: { userId: 'other' }, want: ['r4'] }],
    ['one operation', { given: { operationId: 'respondToCall' }, want: ['r6', 'r4', 'r3'] }],
    ['one status', { given: { status: 429 }, want: ['r6'] }],
    ['a status nothing had', { given: { status: 500 }, want: [] }],
    // "Was respondToCall called for this call, and how often?"
    [
      'one call’s respondToCall',
      { given: { callId: CALL, operationId: 'respondToCall' }, want: ['r6', 'r3'] },
    ],
    // The call's id is a segment of the path, or the call was created by the request; never a query.
    ['about one call', { given: { callId: CALL }, want: ['r6', 'r3', 'r2', 'r1'] }],
    ['about the other call', { given: { callId: OTHER_CALL }, want: ['r4'] }],
    ['about a call no request named', { given: { callId: 'call_0000000000000000' }, want: [] }],
    ['a part of an id is not the id', { given: { callId: 'call_00000000000000' }, want: [] }],
    ['since a time (inclusive)', { given: { since: at(40) }, want: ['r7', 'r6', 'r5'] }],
    ['until a time (inclusive)', { given: { until: at(10) }, want: ['r2', 'r1'] }],
    ['between two times', { given: { since: at(15), until: at(35) }, want: ['r4', 'r3'] }],
    [
      'every filter at once',
      { given: { userId: 'demo', status: 200, since: at(5), callId: CALL }, want: ['r3', 'r2'] },
    ],
    ['a limit keeps the newest', { given: { limit: 2 }, want: ['r7', 'r6'] }],
  ];
  it.each(cases)('%s', (_name, { given, want }) => {
    const answer = queryJournal(journal, given);
    expect(answer.entries.map((e) => e.id)).toEqual(want);
  });

  it('a createCall answered without a body (a dropped connection) is about no call, and the query still answers', () => {
    const dropped = new Journal();
    dropped.record(entry('r1', 0, { method: 'POST', operationId: 'createCall', status: 504 }));
    dropped.record(entry('r2', 1, { path: `/calls/${CALL}`, operationId: 'getCall' }));
    expect(queryJournal(dropped, { callId: CALL }).entries.map((e) => e.id)).toEqual(['r2']);
  });

  it('the count is of every match, before the limit', () => {
    expect(queryJournal(journal, { operationId: 'respondToCall', limit: 1 })).toMatchObject({
      count: 3,
      entries: [{ id: 'r6' }],
    });
  });

  it('without a limit at most 100 entries, the newest', () => {
    const busy = new Journal();
    for (let i = 1; i <= 120; i++) busy.record(entry(`r${i}`, i));
    const answer = queryJournal(busy);
    expect([answer.count, answer.entries.length, answer.entries[0]?.id, answer.entries[99]?.id]).toEqual([
      120,
      100,
      'r120',
      'r21',
    ]);
  });
});

describe('GET /__mock/journal through the pipeline', () => {
  let c: PipelineClient;
  beforeAll(async () => {
    c = await pipelineClient();
  });
  beforeEach(() => c.post('/__mock/reset'));

  it('finds the calls a user made and which of them failed, by the query the admin spec takes', async () => {
    await c.get('/calls');
    await c.post('/agents', { name: 'Desk' });
    await c.post('/agents', {}, { token: 'demo-token-other' });
    const failed = await c.get('/__mock/journal', { search: 'status=400' });
    expect(
      failed.body.entries.map((e: { operationId: string; userId: string }) => [e.operationId, e.userId]),
    ).toEqual([['createAgent', 'other']]);
    const demo = await c.get('/__mock/journal', { search: 'userId=demo&limit=1' });
    expect([demo.body.count, demo.body.entries[0].operationId]).toEqual([2, 'createAgent']);
    const since = await c.get('/__mock/journal', { search: `since=${encodeURIComponent(at(1))}` });
    expect(since.body).toEqual({ entries: [], count: 0 });
  });
});
