import { describe, expect, it } from 'vitest';
import { codeOf, domainErrorOf } from '../../test/support/domain-error-code.js';
import { Clock } from './clock.js';
import type { DomainEvent } from './events.js';
import { SeededFaker } from './ids.js';
import { Spaces } from './spaces.js';
import { Telephony } from './telephony.js';
import { TextBook } from './texts.js';
import { TIMINGS } from './timings.js';

const T0 = Date.parse('2026-01-01T00:00:00.000Z');
const USER = 'demo';
const ACCOUNT = '+15005550100';
const FRIEND = '+14155550123';

function setup() {
  const telephony = new Telephony({ timeScale: 'manual', seed: 1, startTime: T0 });
  const events: Extract<DomainEvent, { kind: 'text' }>[] = [];
  telephony.onEvent((event) => {
    if (event.kind === 'text') events.push(event);
  });
  const timeline = (textId: string) =>
    events.filter((e) => e.text.id === textId).map((e) => [e.type, Date.parse(e.at) - T0] as const);
  return { telephony, texts: telephony.texts, events, timeline };
}

describe('texts', () => {
  it.each([
    [
      'a deliverable number',
      {
        to: FRIEND,
        timeline: [
          ['text.sent', TIMINGS.textQueuedToSent],
          ['text.delivered', TIMINGS.textQueuedToSent + TIMINGS.textSentToDelivered],
        ],
        final: { status: 'delivered', errorCode: null },
      },
    ],
    [
      '+15005550009',
      {
        to: '+15005550009',
        timeline: [['text.failed', TIMINGS.textQueuedToSent]],
        final: { status: 'failed', errorCode: 'undeliverable' },
      },
    ],
  ] as const)('an SMS to %s moves on the clock', (_name, { to, timeline, final }) => {
    const s = setup();
    const sent = s.texts.send(USER, ACCOUNT, { to, body: 'Your table is ready.' });
    expect(sent).toMatchObject({ direction: 'outbound', from: ACCOUNT, status: 'queued', inReplyTo: null });
    s.telephony.clock.advance(TIMINGS.textQueuedToSent - 1);
    expect(s.texts.get(USER, sent.id).status).toBe('queued');
    s.telephony.clock.advance(60_000);
    expect(s.timeline(sent.id)).toEqual(timeline);
    expect(s.texts.get(USER, sent.id)).toMatchObject(final);
    // The event carries the text as it was then, not a live reference.
    expect(s.events[0]?.text.status).toBe(timeline[0]?.[0].replace('text.', ''));
  });

  it('receive() records an inbound SMS and emits text.received', () => {
    const s = setup();
    const text = s.texts.receive(USER, ACCOUNT, { from: FRIEND, body: 'Are you open today?' });
    expect(text).toMatchObject({ direction: 'inbound', from: FRIEND, to: ACCOUNT, status: 'received' });
    expect(s.events).toEqual([
      { kind: 'text', type: 'text.received', userId: USER, at: '2026-01-01T00:00:00.000Z', text },
    ]);
  });

  it('a reply names the text it answers; an unknown one is not found and nothing is sent', () => {
    const s = setup();
    const inbound = s.texts.receive(USER, ACCOUNT, { from: FRIEND, body: 'Are you open today?' });
    const reply = s.texts.send(USER, ACCOUNT, { to: FRIEND, body: 'Until 9pm.', inReplyTo: inbound.id });
    expect(reply.inReplyTo).toBe(inbound.id);
    const unknown = () =>
      s.texts.send(USER, ACCOUNT, { to: FRIEND, body: 'x', inReplyTo: 'txt_0000000000000000' });
    expect(codeOf(unknown)).toBe('not_found:text_not_found');
    expect(s.texts.list(USER, {}).data.map((t) => t.id)).toEqual([reply.id, inbound.id]);
  });

  it('the webhook: 404 before one is set; the secret stays when the URL changes', () => {
    const s = setup();
    expect(codeOf(() => s.texts.getWebhook(USER))).toBe('not_found:text_webhook_not_found');
    const first = s.texts.setWebhook(USER, 'https://example.com/sms');
    expect(first.secret).toMatch(/^whsec_[A-Za-z0-9+/=]{24,}$/);
    s.telephony.clock.advance(1_000);
    const second = s.texts.setWebhook(USER, 'https://example.com/sms-v2');
    expect(second).toEqual({
      url: 'https://example.com/sms-v2',
      secret: first.secret,
      updatedAt: '2026-01-01T00:00:01.000Z',
    });
    expect(s.texts.getWebhook(USER)).toEqual(second);
    expect(codeOf(() => s.texts.getWebhook('other'))).toBe('not_found:text_webhook_not_found');
  });

  it('list filters by direction and by number (either end)', () => {
    const s = setup();
    const out1 = s.texts.send(USER, ACCOUNT, { to: FRIEND, body: 'one' });
    const in1 = s.texts.receive(USER, ACCOUNT, { from: FRIEND, body: 'two' });
    const out2 = s.texts.send(USER, ACCOUNT, { to: '+14155550199', body: 'three' });
    const in2 = s.texts.receive(USER, ACCOUNT, { from: '+14155550199', body: 'four' });
    const ids = (filter: Parameters<typeof s.texts.list>[1]) =>
      s.texts.list(USER, filter).data.map((t) => t.id);
    const cases: Array<[string, { given: Parameters<typeof s.texts.list>[1]; want: string[] }]> = [
      ['all, newest first', { given: {}, want: [in2.id, out2.id, in1.id, out1.id] }],
      ['outbound', { given: { direction: 'outbound' }, want: [out2.id, out1.id] }],
      ['inbound', { given: { direction: 'inbound' }, want: [in2.id, in1.id] }],
      ['a number, either direction', { given: { number: FRIEND }, want: [in1.id, out1.id] }],
      ['inbound from a number', { given: { direction: 'inbound', number: FRIEND }, want: [in1.id] }],
      [
        'the account number matches all',
        { given: { number: ACCOUNT }, want: [in2.id, out2.id, in1.id, out1.id] },
      ],
      ['no match', { given: { number: '+14155550000' }, want: [] }],
    ];
    for (const [name, { given, want }] of cases) expect(ids(given), name).toEqual(want);
  });
});

describe('a reply from the texts webhook', () => {
  it('goes back to the sender from the number texted, once per inbound SMS', () => {
    const { texts } = setup();
    const inbound = texts.receive(USER, ACCOUNT, { from: FRIEND, to: '+15005550199', body: 'Open today?' });
    const reply = texts.replyByWebhook(USER, inbound.id, 'Until six.');
    expect(reply).toMatchObject({
      direction: 'outbound',
      from: '+15005550199',
      to: FRIEND,
      body: 'Until six.',
      inReplyTo: inbound.id,
    });
    expect(texts.replyByWebhook(USER, inbound.id, 'Until six!')).toBeUndefined();
    expect(texts.list(USER, { direction: 'outbound' }).data).toEqual([reply]);
  });

  it.each([
    ['an unknown text', () => 'txt_none', 'not_found:text_not_found'],
    [
      'an outbound text',
      (t: Telephony) => t.texts.send(USER, ACCOUNT, { to: FRIEND, body: 'Hi' }).id,
      'no error',
    ],
  ])('to %s sends nothing', (_name, idOf, code) => {
    const { telephony, texts } = setup();
    const id = idOf(telephony);
    const before = texts.list(USER, {}).data.length;
    expect(codeOf(() => texts.replyByWebhook(USER, id, 'Hello'))).toBe(code);
    expect(texts.list(USER, {}).data).toHaveLength(before);
  });
});

describe('texts: ids, the missing webhook, and timers that fail', () => {
  it('a text id carries the txt_ prefix, sent or received', () => {
    const { texts } = setup();
    const sent = texts.send(USER, ACCOUNT, { to: FRIEND, body: 'out' }).id;
    const received = texts.receive(USER, ACCOUNT, { from: FRIEND, body: 'in' }).id;
    for (const id of [sent, received]) expect(id).toMatch(/^txt_[A-Za-z0-9]{16}$/);
  });

  it('the 404 for a missing texts webhook says how to set one', () => {
    const { texts } = setup();
    const error = domainErrorOf(() => texts.getWebhook(USER));
    expect([error.kind, error.code]).toEqual(['not_found', 'text_webhook_not_found']);
    expect(error.message).toContain('PUT /texts/webhook');
  });

  // Telephony contains a listener's failure itself (telephony-listeners.test.ts); a TextBook whose
  // own event outlet throws shows what its timers are called when one of them fails.
  it.each([
    ['text.sent', 'sending text'],
    ['text.delivered', 'delivering text'],
  ])('a timer that fails on %s is reported as “%s <id>” of that user', (type, what) => {
    const clock = new Clock({ scale: 'manual', start: T0 });
    const texts = new TextBook({
      clock,
      gen: new SeededFaker(1),
      spaces: new Spaces(100),
      emit: (event) => {
        if (event.type === type) throw new Error('outlet broke');
      },
    });
    const { id } = texts.send(USER, ACCOUNT, { to: FRIEND, body: 'out' });
    expect(() => clock.advance(60_000)).not.toThrow();
    expect(clock.failures.latest.map((f) => f.what)).toEqual([`${what} ${id} (user ${USER})`]);
  });
});
