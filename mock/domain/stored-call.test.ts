import { describe, expect, it } from 'vitest';
import { isoOf, msOf, type NewCall, StoredCall, stampOf } from './stored-call.js';
import type { Call } from './types.js';

const T0 = Date.parse('2026-01-01T00:00:00.000Z');
const AT = '2026-01-01T00:00:04.000Z';
const steps = { fire: () => {}, failed: () => {} };
const HUMAN = { kind: 'answered', answeredBy: 'human' } as const;

const INPUT: NewCall = {
  id: 'call_9Xk2LmQ7vB3nR8tP',
  from: '+15005550100',
  to: '+14155550123',
  agentId: 'agt_7Hq2LmP9xK3vB8nR',
  webhookUrl: undefined,
  maxDurationSeconds: 600,
  metadata: undefined,
  now: T0,
};
const fresh = (over: Partial<NewCall> = {}) => new StoredCall('demo', { ...INPUT, ...over }, HUMAN, steps);

function callWithEverything(): Call {
  return {
    id: 'call_9Xk2LmQ7vB3nR8tP',
    status: 'completed',
    from: '+15005550100',
    to: '+14155550123',
    agentId: 'agt_7Hq2LmP9xK3vB8nR',
    webhookUrl: 'https://app.example.com/hook',
    answeredBy: 'human',
    endedReason: 'agent-hangup',
    durationSeconds: 5,
    maxDurationSeconds: 600,
    transcript: [{ speaker: 'agent', text: 'Hello', at: AT }],
    audio: [{ source: 'inline', bytes: 3, format: 'wav', at: AT }],
    routes: [{ to: '+15005550021', status: 'failed', failureReason: 'busy', at: AT }],
    sequence: 6,
    metadata: { orderId: '8842' },
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: '2026-01-01T00:00:09.000Z',
    answeredAt: AT,
    endedAt: '2026-01-01T00:00:09.000Z',
  };
}

describe('StoredCall', () => {
  it('a new call reads as the API’s queued Call, every field in the spec’s order, lists and metadata empty', () => {
    const view = fresh().view();
    expect(Object.keys(view)).toEqual([
      'id',
      'status',
      'from',
      'to',
      'agentId',
      'answeredBy',
      'endedReason',
      'durationSeconds',
      'maxDurationSeconds',
      'transcript',
      'audio',
      'routes',
      'sequence',
      'metadata',
      'createdAt',
      'updatedAt',
      'answeredAt',
      'endedAt',
    ]);
    expect(view).toStrictEqual({
      id: 'call_9Xk2LmQ7vB3nR8tP',
      status: 'queued',
      from: '+15005550100',
      to: '+14155550123',
      agentId: 'agt_7Hq2LmP9xK3vB8nR',
      answeredBy: null,
      endedReason: null,
      durationSeconds: null,
      maxDurationSeconds: 600,
      transcript: [],
      audio: [],
      routes: [],
      sequence: 1,
      metadata: {},
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
      answeredAt: null,
      endedAt: null,
    });
  });

  it('keeps nothing for what is empty: no lists, no empty metadata, no webhook', () => {
    const call = fresh({ metadata: {} });
    expect([call.transcript, call.audio, call.routes, call.metadata, call.webhookUrl]).toEqual([
      undefined,
      undefined,
      undefined,
      undefined,
      undefined,
    ]);
    expect(fresh({ metadata: { a: 'b' }, webhookUrl: 'https://x.example/h' }).view()).toMatchObject({
      metadata: { a: 'b' },
      webhookUrl: 'https://x.example/h',
    });
  });

  it('what it says, plays and routes comes out in order', () => {
    const call = fresh();
    call.say({ speaker: 'agent', text: 'Hi', at: AT });
    call.say({ speaker: 'callee', text: 'Yes?', at: AT });
    call.play({ source: 'url', url: 'https://cdn.example.com/a.mp3', format: 'mp3', at: AT });
    call.play({ source: 'inline', bytes: 3, format: 'wav', at: AT });
    call.routeTo({ to: '+15005550021', status: 'failed', failureReason: 'busy', at: AT });
    call.routeTo({ to: '+15005550022', status: 'failed', failureReason: 'no-answer', at: AT });
    const view = call.view();
    expect(view.transcript.map((e) => e.text)).toEqual(['Hi', 'Yes?']);
    expect(view.audio.map((e) => e.source)).toEqual(['url', 'inline']);
    expect(view.routes.map((e) => e.to)).toEqual(['+15005550021', '+15005550022']);
  });

  it('each view is a copy, down to its entries and metadata: changing it changes nothing stored', () => {
    const call = StoredCall.fromCall('demo', callWithEverything(), HUMAN, T0, steps);
    const view = call.view();
    view.status = 'queued';
    view.transcript.push({ speaker: 'callee', text: 'Bye', at: AT });
    for (const entry of [...view.transcript, ...view.audio, ...view.routes]) entry.at = 'later';
    view.metadata.orderId = 'changed';
    expect(call.view()).toStrictEqual(callWithEverything());
  });

  it('an exported call comes back out exactly, whatever ISO form its times take', () => {
    const exported = {
      ...callWithEverything(),
      createdAt: '2026-01-01T00:00:00Z',
      updatedAt: '2026-01-01T01:00:09.000+01:00',
    };
    const call = StoredCall.fromCall('demo', exported, HUMAN, T0 + 9_000, steps);
    expect(call.view()).toStrictEqual(exported);
    expect([call.statusSince, call.createdAtMs]).toEqual([T0 + 9_000, T0]);
    const bare = { ...fresh().view(), status: 'ringing' as const };
    expect(StoredCall.fromCall('demo', bare, HUMAN, T0, steps).view()).toStrictEqual(bare);
  });

  it('stores canonical times as milliseconds and keeps any other form as written', () => {
    expect(stampOf('2026-01-01T00:00:00.000Z')).toBe(T0);
    expect(stampOf('2026-01-01T00:00:00Z')).toBe('2026-01-01T00:00:00Z');
    expect(stampOf('not a time')).toBe('not a time');
    expect([isoOf(T0), isoOf('2026-01-01T00:00:00Z')]).toEqual([
      '2026-01-01T00:00:00.000Z',
      '2026-01-01T00:00:00Z',
    ]);
    expect([msOf(T0), msOf('2026-01-01T01:00:00+01:00')]).toEqual([T0, T0]);
  });

  it('shows nextSteps its status, answer time, maximum, outcome and script', () => {
    const call = fresh();
    call.status = 'in-progress';
    call.answeredAt = T0 + 4_000;
    call.statusSince = T0 + 4_000;
    call.script = { ringMs: 10 };
    expect(call.progress()).toStrictEqual({
      id: 'call_9Xk2LmQ7vB3nR8tP',
      call: { status: 'in-progress', answeredAt: AT, maxDurationSeconds: 600 },
      outcome: HUMAN,
      statusSince: T0 + 4_000,
      script: { ringMs: 10 },
    });
    expect(fresh().progress().call.answeredAt).toBeNull();
  });

  it('as a timer owner: named for the log, and hands its steps and failures to the book', () => {
    const seen: string[] = [];
    const call = new StoredCall('demo', INPUT, HUMAN, {
      fire: (c, step: string) => seen.push(`${c.id}:${step}`),
      failed: (c) => seen.push(`${c.id} failed`),
    });
    expect(call.what).toBe('call call_9Xk2LmQ7vB3nR8tP (user demo)');
    call.fire('ring');
    call.failed();
    expect(seen).toEqual(['call_9Xk2LmQ7vB3nR8tP:ring', 'call_9Xk2LmQ7vB3nR8tP failed']);
  });
});
