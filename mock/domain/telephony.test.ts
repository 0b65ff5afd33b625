import { describe, expect, it } from 'vitest';
import { codeOf } from '../../test/support/domain-error-code.js';
import { Telephony, type TelephonyOptions } from './telephony.js';
import { TIMINGS } from './timings.js';

const T0 = Date.parse('2026-01-01T00:00:00.000Z');
const HUMAN = '+14155550123';
const ANSWERED_AFTER = TIMINGS.queuedToRinging + TIMINGS.ringingToAnswer;

function setup(options: TelephonyOptions = {}) {
  const telephony = new Telephony({ timeScale: 'manual', seed: 1, startTime: T0, ...options });
  const agentOf = (userId: string) => telephony.agents.create(userId, { name: `${userId} desk` }).id;
  const dial = (userId: string, agentId: string, to = HUMAN) =>
    telephony.calls.create(userId, '+15005550100', { to, agentId }).id;
  return { telephony, agentOf, dial };
}

describe('users are isolated', () => {
  it("another user's call and agent are not found", () => {
    const { telephony, agentOf, dial } = setup();
    const agentId = agentOf('demo');
    const callId = dial('demo', agentId);
    const calls = telephony.calls;
    const cases: Array<[string, { given: () => unknown; want: string }]> = [
      ['get', { given: () => calls.get('other', callId), want: 'not_found:call_not_found' }],
      ['hang up', { given: () => calls.hangUp('other', callId), want: 'not_found:call_not_found' }],
      ['respond', { given: () => calls.respond('other', callId, 'hi'), want: 'not_found:call_not_found' }],
      [
        'agent',
        { given: () => telephony.agents.require('other', agentId), want: 'not_found:agent_not_found' },
      ],
      ['dial with it', { given: () => dial('other', agentId), want: 'not_found:agent_not_found' }],
    ];
    for (const [name, { given, want }] of cases) expect(codeOf(given), name).toBe(want);
    expect(calls.list('other', {}).data).toEqual([]);
    expect(calls.get('demo', callId).status).toBe('queued');
  });
});

describe('pagination', () => {
  it('pages newest first, `limit` at a time, until nextCursor is null', () => {
    const { telephony, agentOf, dial } = setup();
    const agentId = agentOf('demo');
    const ids = Array.from({ length: 5 }, () => dial('demo', agentId));
    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const page = telephony.calls.list('demo', { limit: 2, ...(cursor ? { cursor } : {}) });
      pages.push(page.data.map((c) => c.id));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(pages).toEqual([ids.slice(3).reverse(), ids.slice(1, 3).reverse(), [ids[0]]]);
  });

  it('a full last page has no next cursor', () => {
    const { telephony, agentOf, dial } = setup();
    const agentId = agentOf('demo');
    for (let i = 0; i < 4; i++) dial('demo', agentId);
    const first = telephony.calls.list('demo', { limit: 2 });
    const second = telephony.calls.list('demo', { limit: 2, cursor: first.nextCursor as string });
    expect([second.data.length, second.nextCursor]).toEqual([2, null]);
  });

  it('filters by status across pages', () => {
    const { telephony, agentOf, dial } = setup();
    const agentId = agentOf('demo');
    const ids = Array.from({ length: 4 }, () => dial('demo', agentId));
    for (const id of [ids[0], ids[2]]) telephony.calls.hangUp('demo', id as string);
    const first = telephony.calls.list('demo', { limit: 1, status: 'canceled' });
    const second = telephony.calls.list('demo', {
      limit: 1,
      status: 'canceled',
      cursor: first.nextCursor as string,
    });
    expect([...first.data, ...second.data].map((c) => c.id)).toEqual([ids[2], ids[0]]);
    expect(second.nextCursor).toBeNull();
  });

  it.each([['garbage'], [Buffer.from('call_0000000000000000').toString('base64url')]])(
    'an unknown cursor (%s) is invalid_cursor',
    (cursor) => {
      const { telephony } = setup();
      expect(codeOf(() => telephony.calls.list('demo', { cursor }))).toBe('invalid:invalid_cursor');
    },
  );
});

describe('eviction', () => {
  it('keeps only the `retain` newest ended calls and never evicts live ones', () => {
    const { telephony, agentOf, dial } = setup({ retain: 3 });
    const agentId = agentOf('demo');
    const liveEarly = dial('demo', agentId);
    const ended = Array.from({ length: 5 }, () => {
      const id = dial('demo', agentId);
      telephony.calls.hangUp('demo', id);
      return id;
    });
    const liveLate = dial('demo', agentId);
    const kept = telephony.calls.list('demo', { limit: 100 }).data.map((c) => c.id);
    expect(kept).toEqual([liveLate, ...ended.slice(2).reverse(), liveEarly]);
    for (const id of ended.slice(0, 2))
      expect(codeOf(() => telephony.calls.get('demo', id))).toBe('not_found:call_not_found');
    // The live calls still move on.
    telephony.clock.advance(ANSWERED_AFTER);
    expect(telephony.calls.get('demo', liveEarly).status).toBe('in-progress');
  });

  it('evicts delivered and received texts the same way, oldest first', () => {
    const { telephony } = setup({ retain: 2 });
    const sent = telephony.texts.send('demo', '+15005550100', { to: HUMAN, body: 'out' }).id;
    const received = [1, 2].map(
      (n) => telephony.texts.receive('demo', '+15005550100', { from: HUMAN, body: `in ${n}` }).id,
    );
    // The inbound texts are finished at once; the outbound one only once delivered, so it is the newest finished.
    telephony.clock.advance(60_000);
    expect(telephony.texts.list('demo', {}).data.map((t) => t.id)).toEqual([received[1], sent]);
  });
});

describe('live calls are capped per user', () => {
  const liveIds = (telephony: Telephony, userId: string) =>
    telephony.calls
      .list(userId, { limit: 100 })
      .data.filter((c) => !['completed', 'busy', 'no-answer', 'failed', 'canceled'].includes(c.status))
      .map((c) => c.id);

  it('past maxLiveCalls creating a call is a conflict, creates nothing, and leaves other users alone', () => {
    const { telephony, agentOf, dial } = setup({ maxLiveCalls: 2 });
    const agentId = agentOf('demo');
    const live = [dial('demo', agentId), dial('demo', agentId)];
    const pending = telephony.clock.pending;
    expect(codeOf(() => dial('demo', agentId))).toBe('conflict:too_many_live_calls');
    expect(telephony.calls.list('demo', {}).data.map((c) => c.id)).toEqual([...live].reverse());
    expect(telephony.clock.pending).toBe(pending);
    expect(codeOf(() => dial('other', agentOf('other')))).toBe('no error');
    expect(telephony.maxLiveCalls).toBe(2);
  });

  it.each<[string, (t: Telephony, callId: string) => void]>([
    ['hung up before answer', (t, id) => t.calls.hangUp('demo', id)],
    [
      'hung up in progress',
      (t, id) => {
        t.clock.advance(ANSWERED_AFTER);
        t.calls.hangUp('demo', id);
      },
    ],
    ['ended by its maximum duration', (t) => t.clock.advance(ANSWERED_AFTER + 600_000)],
  ])('a call %s frees its place, also once evicted', (_name, end) => {
    const { telephony, agentOf, dial } = setup({ maxLiveCalls: 1, retain: 0 });
    const agentId = agentOf('demo');
    const first = dial('demo', agentId);
    expect(codeOf(() => dial('demo', agentId))).toBe('conflict:too_many_live_calls');
    end(telephony, first);
    expect(codeOf(() => telephony.calls.get('demo', first))).toBe('not_found:call_not_found');
    const second = dial('demo', agentId);
    expect(liveIds(telephony, 'demo')).toEqual([second]);
    expect(codeOf(() => dial('demo', agentId))).toBe('conflict:too_many_live_calls');
  });

  it('a call that ends by itself (busy) frees its place', () => {
    const { telephony, agentOf, dial } = setup({ maxLiveCalls: 1 });
    const agentId = agentOf('demo');
    const busy = dial('demo', agentId, '+15005550011');
    telephony.clock.advance(TIMINGS.queuedToRinging + TIMINGS.ringingToBusy);
    expect(telephony.calls.get('demo', busy).status).toBe('busy');
    expect(codeOf(() => dial('demo', agentId))).toBe('no error');
  });

  it('reset() and restore() count the live calls again', () => {
    const { telephony, agentOf, dial } = setup({ maxLiveCalls: 2 });
    const agentId = agentOf('demo');
    dial('demo', agentId);
    dial('demo', agentId);
    const snapshot = telephony.snapshot();
    telephony.reset();
    const fresh = agentOf('demo');
    dial('demo', fresh);
    expect(codeOf(() => dial('demo', fresh))).toBe('no error');
    expect(codeOf(() => dial('demo', fresh))).toBe('conflict:too_many_live_calls');
    // Restored over a full mock: the count is the snapshot's two live calls, not four.
    telephony.restore(snapshot);
    expect(codeOf(() => dial('demo', agentId))).toBe('conflict:too_many_live_calls');
    const [newest] = liveIds(telephony, 'demo');
    telephony.calls.hangUp('demo', newest as string);
    expect(codeOf(() => dial('demo', agentId))).toBe('no error');
  });

  it('restores ended calls without counting them as live', () => {
    const { telephony, agentOf, dial } = setup({ maxLiveCalls: 1 });
    const agentId = agentOf('demo');
    telephony.calls.hangUp('demo', dial('demo', agentId));
    const copy = new Telephony({ timeScale: 'manual', seed: 1, maxLiveCalls: 1 });
    copy.restore(telephony.snapshot());
    expect(codeOf(() => copy.calls.create('demo', '+15005550100', { to: HUMAN, agentId }))).toBe('no error');
  });

  it.each([[0], [-1], [1.5], [Number.NaN]])('maxLiveCalls %s is refused', (maxLiveCalls) => {
    expect(() => new Telephony({ maxLiveCalls })).toThrow(RangeError);
  });
});

// The same commands, in order, on a fresh mock: what an integrator's test does twice.
function script(seed: number) {
  const { telephony, agentOf, dial } = setup({ seed });
  const agentId = agentOf('demo');
  const callId = dial('demo', agentId);
  telephony.clock.advance(ANSWERED_AFTER + TIMINGS.calleeSpeaksAfterAnswer);
  telephony.calls.respond('demo', callId, 'Thanks for calling.');
  const textId = telephony.texts.send('demo', '+15005550100', { to: HUMAN, body: 'hi' }).id;
  const { secret } = telephony.texts.setWebhook('demo', 'https://example.com/sms');
  const persona = telephony.agents.upsertPersona('demo', agentId, { instructions: 'Be brief.' }).persona.id;
  return {
    agentId,
    callId,
    textId,
    persona,
    secret,
    transcript: telephony.calls.get('demo', callId).transcript,
  };
}

describe('determinism', () => {
  it('the same seed gives the same ids, transcripts and secrets', () => {
    const first = script(7);
    expect(script(7)).toEqual(first);
    expect(first.transcript.map((t) => t.speaker)).toEqual(['agent', 'callee', 'agent']);
  });

  it('a different seed gives different ids and callee lines', () => {
    const a = script(7);
    const b = script(8);
    for (const key of ['agentId', 'callId', 'textId', 'persona', 'secret'] as const)
      expect(b[key]).not.toBe(a[key]);
    expect(b.transcript[1]?.text).not.toBe(a.transcript[1]?.text);
  });

  it('reset() starts the seed over and forgets all data', () => {
    const { telephony, agentOf, dial } = setup();
    const firstAgent = agentOf('demo');
    dial('demo', firstAgent);
    telephony.reset();
    expect(telephony.calls.list('demo', {}).data).toEqual([]);
    expect(telephony.clock.pending).toBe(0);
    expect(agentOf('demo')).toBe(firstAgent);
  });
});

describe('snapshot and restore', () => {
  function busyMock() {
    const { telephony, agentOf, dial } = setup();
    const agentId = agentOf('demo');
    telephony.agents.upsertPersona('demo', agentId, { instructions: 'Be brief.' });
    const talking = dial('demo', agentId);
    telephony.clock.advance(ANSWERED_AFTER);
    const ringing = dial('demo', agentId);
    const hungUp = dial('demo', agentId);
    telephony.calls.hangUp('demo', hungUp);
    const cloning = telephony.agents.create('demo', {
      name: 'Clone',
      voice: { type: 'clone', sampleUrls: ['https://cdn.example.com/a.wav'] },
    }).id;
    const text = telephony.texts.send('demo', '+15005550100', { to: HUMAN, body: 'hi' }).id;
    telephony.texts.setWebhook('demo', 'https://example.com/sms');
    telephony.clock.advance(TIMINGS.queuedToRinging);
    const otherAgent = agentOf('other');
    return { telephony, ids: { agentId, talking, ringing, hungUp, cloning, text, otherAgent } };
  }

  it('restores the same data into a new instance', () => {
    const { telephony } = busyMock();
    const snapshot = telephony.snapshot();
    const copy = new Telephony({ timeScale: 'manual', seed: 1 });
    copy.restore(snapshot);
    expect(copy.snapshot()).toEqual(snapshot);
    expect(JSON.parse(JSON.stringify(snapshot))).toEqual(snapshot);
  });

  it('what was moving moves on: the ringing call is answered, the clone gets ready, the SMS delivered', () => {
    const { telephony, ids } = busyMock();
    const copy = new Telephony({ timeScale: 'manual', seed: 1 });
    copy.restore(telephony.snapshot());
    // The copy's clock continues from the export, so the call rings exactly as long as it would have.
    const exportedAt = T0 + ANSWERED_AFTER + TIMINGS.queuedToRinging;
    expect(copy.clock.now()).toBe(exportedAt);
    copy.clock.advance(TIMINGS.ringingToAnswer - 1);
    expect(copy.calls.get('demo', ids.ringing).status).toBe('ringing');
    copy.clock.advance(1);
    expect(copy.calls.get('demo', ids.ringing)).toMatchObject({
      status: 'in-progress',
      answeredBy: 'human',
      answeredAt: new Date(exportedAt + TIMINGS.ringingToAnswer).toISOString(),
    });
    copy.clock.advance(TIMINGS.voiceCloning);
    expect(copy.agents.require('demo', ids.cloning).voice.status).toBe('ready');
    expect(copy.texts.get('demo', ids.text).status).toBe('delivered');
    expect(copy.calls.get('demo', ids.hungUp).status).toBe('canceled');
    // The original and the copy are independent.
    expect(telephony.calls.get('demo', ids.ringing).status).toBe('ringing');
  });

  it('new objects after a restore never reuse a restored id (same seed)', () => {
    const { telephony, ids } = busyMock();
    const copy = new Telephony({ timeScale: 'manual', seed: 1 });
    copy.restore(telephony.snapshot());
    const before = copy.agents.list('demo', {}).data.map((a) => a.id);
    const fresh = [
      copy.agents.create('demo', { name: 'A' }).id,
      copy.agents.create('demo', { name: 'B' }).id,
    ];
    for (const id of fresh) expect(before).not.toContain(id);
    expect(copy.agents.list('demo', {}).data).toHaveLength(before.length + 2);
    expect(copy.agents.require('other', ids.otherAgent).name).toBe('other desk');
  });

  it('restore() replaces what was there', () => {
    const { telephony, ids } = busyMock();
    const snapshot = telephony.snapshot();
    const target = setup({ seed: 2 }).telephony;
    const stray = target.agents.create('demo', { name: 'Stray' }).id;
    target.restore(snapshot);
    expect(codeOf(() => target.agents.require('demo', stray))).toBe('not_found:agent_not_found');
    expect(target.agents.require('demo', ids.agentId).hasPersona).toBe(true);
  });
});

describe('the webhook signing secret', () => {
  it('survives export and import even when the user never set a texts webhook', () => {
    const before = new Telephony({ timeScale: 'manual', seed: 3 });
    const secret = before.webhookSecret('demo');
    const after = new Telephony({ timeScale: 'manual', seed: 3 });
    after.restore(before.snapshot());
    expect(after.webhookSecret('demo')).toBe(secret);
    expect(after.texts.setWebhook('demo', 'https://app.example.com/sms').secret).toBe(secret);
  });
});
