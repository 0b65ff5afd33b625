import { describe, expect, it } from 'vitest';
import { codeOf } from '../../test/support/domain-error-code.js';
import type { DomainEvent } from './events.js';
import { type StateSnapshot, Telephony, type TelephonyOptions } from './telephony.js';
import { TIMINGS } from './timings.js';

const T0 = Date.parse('2026-01-01T00:00:00.000Z');
const USER = 'demo';
const ACCOUNT = '+15005550100';
const HUMAN = '+14155550123';
const ANSWERED_AFTER = TIMINGS.queuedToRinging + TIMINGS.ringingToAnswer;

const manual = (options: TelephonyOptions = {}) =>
  new Telephony({ timeScale: 'manual', seed: 1, startTime: T0, ...options });

function restored(snapshot: StateSnapshot, options: TelephonyOptions = {}) {
  const copy = manual(options);
  copy.restore(snapshot);
  return copy;
}

describe('event listeners', () => {
  it('a listener that unsubscribed hears nothing more; the others still hear', () => {
    const telephony = manual();
    const kept: string[] = [];
    const dropped: string[] = [];
    telephony.onEvent((e) => kept.push(e.type));
    const stop = telephony.onEvent((e) => dropped.push(e.type));
    telephony.texts.receive(USER, ACCOUNT, { from: HUMAN, body: 'one' });
    stop();
    telephony.texts.receive(USER, ACCOUNT, { from: HUMAN, body: 'two' });
    expect(dropped).toEqual(['text.received']);
    expect(kept).toEqual(['text.received', 'text.received']);
  });
});

describe('restored texts move on', () => {
  it.each([
    ['queued', 0, ['text.sent', 'text.delivered']],
    ['sent', TIMINGS.textQueuedToSent, ['text.delivered']],
  ] as const)('a %s text goes on to delivered, on its own schedule', (status, exportAfter, want) => {
    const original = manual();
    const { id } = original.texts.send(USER, ACCOUNT, { to: HUMAN, body: 'Your table is ready.' });
    original.clock.advance(exportAfter);
    expect(original.texts.get(USER, id).status).toBe(status);
    const copy = restored(original.snapshot());
    const events: Array<[string, number]> = [];
    copy.onEvent((e: DomainEvent) => events.push([e.type, Date.parse(e.at) - T0]));
    copy.clock.advance(60_000);
    expect(copy.texts.get(USER, id).status).toBe('delivered');
    const deliveredAt = TIMINGS.textQueuedToSent + TIMINGS.textSentToDelivered;
    expect(events.map(([type]) => type)).toEqual(want);
    expect(events.at(-1)).toEqual(['text.delivered', deliveredAt]);
  });

  it('a restored queued text to the undeliverable number fails', () => {
    const original = manual();
    const { id } = original.texts.send(USER, ACCOUNT, { to: '+15005550009', body: 'hi' });
    const copy = restored(original.snapshot());
    copy.clock.advance(60_000);
    expect(copy.texts.get(USER, id)).toMatchObject({ status: 'failed', errorCode: 'undeliverable' });
  });

  it('restored delivered and received texts stay as they are and count as finished (evicted by retain)', () => {
    const original = manual();
    const out = original.texts.send(USER, ACCOUNT, { to: HUMAN, body: 'out' }).id;
    original.clock.advance(60_000);
    const inbound = original.texts.receive(USER, ACCOUNT, { from: HUMAN, body: 'in' }).id;
    const copy = restored(original.snapshot(), { retain: 1 });
    const events: string[] = [];
    copy.onEvent((e) => events.push(e.type));
    copy.clock.advance(60_000);
    expect(events).toEqual([]);
    expect(copy.texts.list(USER, {}).data.map((t) => t.id)).toEqual([inbound]);
    expect(codeOf(() => copy.texts.get(USER, out))).toBe('not_found:text_not_found');
  });
});

describe('restored calls', () => {
  const calleeLines = (t: Telephony, callId: string) =>
    t.calls.get(USER, callId).transcript.filter((line) => line.speaker === 'callee').length;

  function answered(exportAfterAnswer: number) {
    const original = manual();
    const agentId = original.agents.create(USER, { name: 'Desk' }).id;
    const callId = original.calls.create(USER, ACCOUNT, { to: HUMAN, agentId }).id;
    original.clock.advance(ANSWERED_AFTER + exportAfterAnswer);
    return { original, callId };
  }

  it('a call exported after the callee spoke does not hear the callee line again', () => {
    const { original, callId } = answered(TIMINGS.calleeSpeaksAfterAnswer + 1);
    expect(calleeLines(original, callId)).toBe(1);
    const copy = restored(original.snapshot());
    copy.clock.advance(10_000);
    expect(calleeLines(copy, callId)).toBe(1);
    expect(copy.calls.get(USER, callId).status).toBe('in-progress');
  });

  it('a call exported before the callee spoke hears it once, at its time', () => {
    const { original, callId } = answered(TIMINGS.calleeSpeaksAfterAnswer - 1_000);
    expect(calleeLines(original, callId)).toBe(0);
    const copy = restored(original.snapshot());
    copy.clock.advance(999);
    expect(calleeLines(copy, callId)).toBe(0);
    copy.clock.advance(10_000);
    expect(calleeLines(copy, callId)).toBe(1);
  });

  it('a restored call in progress still ends at its maximum duration', () => {
    const { original, callId } = answered(1_000);
    const copy = restored(original.snapshot());
    copy.clock.advance(600_000 - 1_001);
    expect(copy.calls.get(USER, callId).status).toBe('in-progress');
    copy.clock.advance(1);
    expect(copy.calls.get(USER, callId)).toMatchObject({ status: 'completed', endedReason: 'max-duration' });
  });
});

describe('determinism across a restore', () => {
  function exported(seed: number) {
    const t = manual({ seed });
    t.agents.create(USER, { name: 'Desk' });
    return t.snapshot();
  }
  const nextIds = (snapshot: StateSnapshot, seed: number | undefined) => {
    const t = new Telephony({ timeScale: 'manual', startTime: T0, ...(seed === undefined ? {} : { seed }) });
    t.restore(snapshot);
    return [
      t.agents.create(USER, { name: 'A' }).id,
      t.texts.send(USER, ACCOUNT, { to: HUMAN, body: 'x' }).id,
    ];
  };

  it('the same seed and snapshot give the same next ids', () => {
    const snapshot = exported(3);
    expect(nextIds(snapshot, 3)).toEqual(nextIds(snapshot, 3));
  });

  it('another snapshot or another seed gives other next ids', () => {
    const snapshot = exported(3);
    const base = nextIds(snapshot, 3);
    expect(nextIds(exported(4), 3)[0]).not.toBe(base[0]);
    expect(nextIds(snapshot, 4)[0]).not.toBe(base[0]);
  });

  it('a mock without a seed stays random after a restore', () => {
    const snapshot = exported(3);
    expect(nextIds(snapshot, undefined)[0]).not.toBe(nextIds(snapshot, undefined)[0]);
  });
});

describe('what a snapshot carries besides the data', () => {
  it('the clock continues from the export; a snapshot without a readable time leaves the clock alone', () => {
    const original = manual();
    original.clock.advance(42_000);
    expect(restored(original.snapshot()).clock.now()).toBe(T0 + 42_000);
    const unreadable = { ...original.snapshot(), clock: { now: 'yesterday' } };
    expect(restored(unreadable).clock.now()).toBe(T0);
  });

  it('an older snapshot without webhookSecret keeps the texts webhook secret for signing', () => {
    const original = manual();
    const { secret } = original.texts.setWebhook(USER, 'https://app.example.com/sms');
    const snapshot = original.snapshot();
    delete snapshot.users[USER]?.webhookSecret;
    const copy = restored(snapshot);
    expect(copy.texts.getWebhook(USER)).toMatchObject({ url: 'https://app.example.com/sms', secret });
    expect(copy.webhookSecret(USER)).toBe(secret);
  });

  it('a user without a webhook or a persona is restored without them', () => {
    const original = manual();
    const agentId = original.agents.create(USER, { name: 'Desk' }).id;
    const snapshot = original.snapshot();
    expect(snapshot.users[USER]).toMatchObject({ textWebhook: null, webhookSecret: null });
    expect(snapshot.users[USER]?.agents[0]?.persona).toBeNull();
    const copy = restored(snapshot);
    expect(codeOf(() => copy.texts.getWebhook(USER))).toBe('not_found:text_webhook_not_found');
    expect(codeOf(() => copy.agents.getPersona(USER, agentId))).toBe('not_found:persona_not_found');
    expect(copy.agents.require(USER, agentId).hasPersona).toBe(false);
  });

  it('a restored clone still processing gets ready at its time', () => {
    const original = manual();
    const agentId = original.agents.create(USER, {
      name: 'Clone',
      voice: { type: 'clone', sampleUrls: ['https://cdn.example.com/a.wav'] },
    }).id;
    const copy = restored(original.snapshot());
    expect(copy.agents.require(USER, agentId).voice.status).toBe('processing');
    copy.clock.advance(TIMINGS.voiceCloning);
    expect(copy.agents.require(USER, agentId).voice.status).toBe('ready');
  });
});

describe('options and reset', () => {
  it('defaults: 100 requests a minute, 1000 finished objects kept, 10,000 live calls', () => {
    const t = new Telephony();
    expect([t.rateLimit, t.retain, t.maxLiveCalls, t.clock.scale]).toEqual([100, 1000, 10_000, 1]);
    t.clock.clear();
  });

  it('options given are the ones used', () => {
    const t = manual({ rateLimit: 7, retain: 3, maxLiveCalls: 2 });
    expect([t.rateLimit, t.retain, t.maxLiveCalls, t.clock.scale, t.clock.now()]).toEqual([
      7,
      3,
      2,
      'manual',
      T0,
    ]);
  });

  it('reset() opens a fresh rate-limit window and keeps the users and the clock scale', () => {
    const t = manual({ rateLimit: 1 });
    expect(t.rateLimiter.take(USER, 1).allowed).toBe(true);
    expect(t.rateLimiter.take(USER, 1).allowed).toBe(false);
    t.reset();
    expect(t.rateLimiter.take(USER, 1).allowed).toBe(true);
    expect(t.tenants.authenticate('demo-token')?.user.id).toBe(USER);
    expect(t.clock.scale).toBe('manual');
  });
});
