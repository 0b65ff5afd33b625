import { Webhook } from 'standardwebhooks';
import { describe, expect, it } from 'vitest';
import {
  signWebhook,
  verifyWebhook,
  type WebhookHeaders,
  WebhookVerificationError,
} from '../client/webhooks.js';

const SECRET = 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw';
const OTHER_SECRET = 'whsec_aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa';
const ID = 'evt_2Lk9WmP4xQ7nB3vR';
const EVENT = {
  type: 'text.received',
  timestamp: '2030-01-01T00:00:00.000Z',
  data: { id: 'txt_1', body: 'hé 👋' },
};
const BODY = JSON.stringify(EVENT);
const signed = signWebhook(SECRET, ID, BODY);

describe('verifyWebhook', () => {
  const accepted: Array<[string, { headers: WebhookHeaders }]> = [
    ['plain lower-case headers', { headers: signed }],
    ['a Fetch Headers object', { headers: new Headers(signed) }],
    [
      'upper-case names, as some frameworks give them',
      {
        headers: Object.fromEntries(Object.entries(signed).map(([k, v]) => [k.toUpperCase(), v])),
      },
    ],
    [
      'a signature list with an unknown version first',
      {
        headers: { ...signed, 'webhook-signature': ['v2,abc', signed['webhook-signature']] },
      },
    ],
  ];

  it.each(accepted)('accepts %s', (_name, { headers }) => {
    expect(verifyWebhook(BODY, headers, SECRET)).toEqual(EVENT);
    expect(verifyWebhook(Buffer.from(BODY), headers, SECRET)).toEqual(EVENT);
  });

  const tooOld = signWebhook(SECRET, ID, BODY, new Date(Date.now() - 10 * 60_000));
  const rejected: Array<[string, { body: string; headers: WebhookHeaders; secret: string; want: RegExp }]> = [
    [
      'an altered body',
      { body: BODY.replace('hé', 'he'), headers: signed, secret: SECRET, want: /No matching signature/ },
    ],
    ['another secret', { body: BODY, headers: signed, secret: OTHER_SECRET, want: /No matching signature/ }],
    [
      'another event id',
      {
        body: BODY,
        headers: { ...signed, 'webhook-id': 'evt_0000000000000000' },
        secret: SECRET,
        want: /No matching signature/,
      },
    ],
    [
      'a missing signature',
      {
        body: BODY,
        headers: { ...signed, 'webhook-signature': undefined },
        secret: SECRET,
        want: /Missing required headers/,
      },
    ],
    ['a timestamp ten minutes old', { body: BODY, headers: tooOld, secret: SECRET, want: /too old/ }],
  ];

  it.each(rejected)('rejects %s', (_name, { body, headers, secret, want }) => {
    expect(() => verifyWebhook(body, headers, secret)).toThrow(WebhookVerificationError);
    expect(() => verifyWebhook(body, headers, secret)).toThrow(want);
  });

  it('signs what any Standard Webhooks library verifies', () => {
    expect(new Webhook(SECRET).verify(BODY, signed)).toEqual(EVENT);
    const at = new Date('2026-01-01T00:00:09.999Z');
    expect(signWebhook(SECRET, ID, BODY, at)).toMatchObject({
      'webhook-id': ID,
      'webhook-timestamp': '1767225609',
    });
  });
});
