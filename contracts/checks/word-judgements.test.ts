import { describe, expect, it } from 'vitest';
import { exchangeOf } from '../../test/support/breaks/exchange-of.js';
import { ResultMatrix } from '../results.js';
import type { ProbeRequest } from '../target.js';
import { judgeActionOutcome } from './action-outcome.js';
import { difference } from './change-shown.js';
import { derivedFieldsOf } from './derived-fields.js';
import { filteredFields } from './filters.js';
import { judgeRateLimitMeaning } from './rate-limit-meaning.js';
import { RequestIds } from './request-id.js';

const T0 = '2026-01-01T00:00:00.000Z';
const at = (seconds: number) => new Date(Date.parse(T0) + seconds * 1000).toISOString();
const call = (fields: Record<string, unknown>) => ({
  id: 'call_9Xk2LmQ7vB3nR8tP',
  status: 'queued',
  answeredAt: null,
  endedAt: null,
  endedReason: null,
  durationSeconds: null,
  ...fields,
});

describe('derivedFieldsOf: a call’s times, reason and duration follow from its status', () => {
  it.each([
    ['queued, nothing set', call({}), undefined],
    ['in progress, answered', call({ status: 'in-progress', answeredAt: at(4) }), undefined],
    [
      'completed after 8 s',
      call({
        status: 'completed',
        answeredAt: at(4),
        endedAt: at(12),
        endedReason: 'agent-hangup',
        durationSeconds: 8,
      }),
      undefined,
    ],
    [
      'rounded down is a second off, still whole seconds',
      call({
        status: 'completed',
        answeredAt: at(4),
        endedAt: at(12.6),
        endedReason: 'agent-hangup',
        durationSeconds: 8,
      }),
      undefined,
    ],
    ['canceled unanswered', call({ status: 'canceled', endedAt: at(2), endedReason: 'canceled' }), undefined],
    ['ringing with answeredAt', call({ status: 'ringing', answeredAt: at(1) }), 'answered-at'],
    ['in progress without answeredAt', call({ status: 'in-progress' }), 'answered-at'],
    ['ended without endedAt', call({ status: 'busy', endedReason: 'busy' }), 'ended-at'],
    ['live with endedAt', call({ status: 'in-progress', answeredAt: at(4), endedAt: at(5) }), 'ended-at'],
    ['ended without a reason', call({ status: 'no-answer', endedAt: at(20) }), 'ended-reason'],
    [
      'duration in milliseconds',
      call({
        status: 'completed',
        answeredAt: at(4),
        endedAt: at(12),
        endedReason: 'agent-hangup',
        durationSeconds: 8000,
      }),
      'duration',
    ],
    [
      'duration counted from creation',
      call({
        status: 'completed',
        answeredAt: at(4),
        endedAt: at(12),
        endedReason: 'agent-hangup',
        durationSeconds: 12,
      }),
      'duration',
    ],
    [
      'a duration for a call never answered',
      call({ status: 'canceled', endedAt: at(2), endedReason: 'canceled', durationSeconds: 0 }),
      'duration',
    ],
  ] as const)('%s', (_name, given, promise) => {
    expect(derivedFieldsOf(given)?.promise).toBe(promise);
  });
});

describe('difference: a field given comes back as given', () => {
  it.each([
    [
      'the same, with more fields shown',
      { name: 'A', metadata: { a: '1' } },
      { id: 'x', name: 'A', metadata: { a: '1' } },
      undefined,
    ],
    ['a field the answer does not have is not judged', { sampleUrls: ['u'] }, { sampleCount: 1 }, undefined],
    ['a changed value', { greeting: 'new' }, { greeting: 'old' }, '/greeting is "old", not "new"'],
    [
      'metadata with a key more',
      { metadata: { a: '1' } },
      { metadata: { a: '1', b: '2' } },
      '/metadata is {"a":"1","b":"2"}, not {"a":"1"}',
    ],
    [
      'metadata in another key order',
      { metadata: { a: '1', b: '2' } },
      { metadata: { b: '2', a: '1' } },
      undefined,
    ],
    ['metadata not as given', { metadata: { a: '1' } }, { metadata: {} }, '/metadata is {}, not {"a":"1"}'],
    [
      'an array in another order',
      { traits: ['a', 'b'] },
      { traits: ['b', 'a'] },
      '/traits is ["b","a"], not ["a","b"]',
    ],
    [
      'a nested field',
      { voice: { type: 'clone' } },
      { voice: { type: 'stock', id: 'v' } },
      '/voice/type is "stock", not "clone"',
    ],
  ] as const)('%s', (_name, given, shown, want) => {
    expect(difference(given, shown)).toBe(want);
  });
});

describe('filteredFields: the fields a filter compares, from its words', () => {
  it.each([
    [
      'its own name',
      { name: 'status', in: 'query', schema: {}, description: 'Only calls in this status.' },
      ['status'],
    ],
    [
      'the fields its words name',
      {
        name: 'number',
        in: 'query',
        schema: {},
        description: 'Only the conversation with this number (as `from` or `to`).',
      },
      ['from', 'to'],
    ],
  ] as const)('%s', (_name, param, want) => {
    expect(filteredFields(param)).toEqual(want);
  });
});

describe('judgeRateLimitMeaning: Remaining within Limit, Reset a Unix time in seconds', () => {
  const headers = (limit: string, remaining: string, reset: string) => ({
    'x-ratelimit-limit': limit,
    'x-ratelimit-remaining': remaining,
    'x-ratelimit-reset': reset,
  });
  it.each([
    ['as documented', headers('100', '99', '1767225660'), 'pass', undefined],
    [
      'seconds to wait',
      headers('100', '99', '42'),
      'fail',
      /not a Unix time in seconds \(seconds to wait\?\)/,
    ],
    ['milliseconds', headers('100', '99', '1767225660000'), 'fail', /\(milliseconds\?\)/],
    [
      'more left than allowed',
      headers('100', '101', '1767225660'),
      'fail',
      /Remaining 101 is more than X-RateLimit-Limit 100/,
    ],
    ['no headers (a 401)', {}, undefined, undefined],
  ] as const)('%s', (_name, given, verdict, reason) => {
    const matrix = new ResultMatrix();
    judgeRateLimitMeaning(matrix, 'listCalls', exchangeOf(200, given));
    const cell = matrix.cell('listCalls', 'rate-limit-meaning');
    expect(cell?.verdict).toBe(verdict);
    if (reason) expect(cell?.reason).toMatch(reason);
    if (verdict === 'fail') expect(cell?.cite?.at).toMatch(/^\/components\/headers\/X-RateLimit-/);
  });
});

describe('judgeActionOutcome: what an action does to the call it answers with', () => {
  const request = (operationId: string, body?: unknown): ProbeRequest => ({
    operationId,
    method: 'PUT',
    path: '/calls/call_9Xk2LmQ7vB3nR8tP/x',
    body,
  });
  it.each([
    ['hang-up before answer', request('hangUpCall'), call({ status: 'canceled' }), undefined],
    [
      'hang-up live',
      request('hangUpCall'),
      call({ status: 'completed', answeredAt: at(4), endedReason: 'agent-hangup' }),
      undefined,
    ],
    [
      'hang-up live canceled',
      request('hangUpCall'),
      call({ status: 'canceled', answeredAt: at(4) }),
      /became canceled/,
    ],
    [
      'hang-up live, another reason',
      request('hangUpCall'),
      call({ status: 'completed', answeredAt: at(4), endedReason: 'callee-hangup' }),
      /endedReason callee-hangup/,
    ],
    [
      'respond heard',
      request('respondToCall', { text: 'Hi' }),
      call({ transcript: [{ speaker: 'agent', text: 'Hi' }] }),
      undefined,
    ],
    [
      'respond lost',
      request('respondToCall', { text: 'Hi' }),
      call({ transcript: [{ speaker: 'callee', text: 'Hi' }] }),
      /no agent entry saying "Hi"/,
    ],
    [
      'inline audio, its size',
      request('injectCallAudio', { content: 'AAAA', format: 'wav' }),
      call({ audio: [{ source: 'inline', bytes: 3 }] }),
      undefined,
    ],
    [
      'inline audio, base64 length as size',
      request('injectCallAudio', { content: 'AAAA', format: 'wav' }),
      call({ audio: [{ source: 'inline', bytes: 4 }] }),
      /the content decodes to 3/,
    ],
    [
      'audio from a URL',
      request('injectCallAudio', { url: 'https://a.example/x.mp3' }),
      call({ audio: [{ source: 'url', url: 'https://a.example/x.mp3' }] }),
      undefined,
    ],
    [
      'no playback',
      request('injectCallAudio', { url: 'https://a.example/x.mp3' }),
      call({ audio: [] }),
      /no playback recorded/,
    ],
    [
      'route recorded',
      request('routeCall', { to: '+14155550188' }),
      call({ routes: [{ to: '+14155550188', status: 'connected' }] }),
      undefined,
    ],
    [
      'route lost',
      request('routeCall', { to: '+14155550188' }),
      call({ routes: [] }),
      /no attempt to \+14155550188/,
    ],
  ] as const)('%s', (_name, given, answer, reason) => {
    const matrix = new ResultMatrix();
    judgeActionOutcome(matrix, given, exchangeOf(200, {}, answer));
    const cell = matrix.cell(given.operationId ?? '', 'action-outcome');
    expect(cell?.verdict).toBe(reason ? 'fail' : 'pass');
    if (reason) expect(cell?.reason).toMatch(reason);
  });
});

describe('RequestIds: one id, one request', () => {
  it('fails the second response that carries an id already given, citing the header’s words', () => {
    const ids = new RequestIds();
    const matrix = new ResultMatrix();
    ids.observe(matrix, 'listCalls', exchangeOf(200, { 'x-request-id': 'req_a' }));
    ids.observe(matrix, 'getCall', exchangeOf(200, { 'x-request-id': 'req_b' }));
    expect(matrix.cell('getCall', 'request-id')?.verdict).toBe('pass');
    ids.observe(matrix, 'getCall', exchangeOf(200, { 'x-request-id': 'req_a' }));
    expect(matrix.cell('getCall', 'request-id')).toMatchObject({
      verdict: 'fail',
      reason: expect.stringMatching(/req_a was already given/),
      cite: { at: '/components/headers/X-Request-Id/description' },
    });
  });
});
