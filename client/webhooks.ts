import { Webhook, WebhookVerificationError } from 'standardwebhooks';
import type { components } from '../spec/generated/api.js';

/** What a telemock webhook carries (the `webhooks` section of openapi.yaml). */
export type WebhookEvent =
  | components['schemas']['CallEvent']
  | components['schemas']['TextReceivedEvent']
  | components['schemas']['TextStatusEvent'];

/** Headers as Node, Express or Fetch give them; names in any case. */
export type WebhookHeaders = Headers | Record<string, string | string[] | undefined>;

export { WebhookVerificationError };

function plainHeaders(headers: WebhookHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  if (headers instanceof Headers) {
    headers.forEach((value, name) => {
      out[name] = value;
    });
    return out;
  }
  for (const [name, value] of Object.entries(headers)) {
    if (value !== undefined) out[name.toLowerCase()] = Array.isArray(value) ? value.join(' ') : value;
  }
  return out;
}

/**
 * Checks a webhook's Standard Webhooks signature (`webhook-id`, `webhook-timestamp`,
 * `webhook-signature`) against the raw body and returns the parsed event. Throws
 * `WebhookVerificationError` when the signature does not match, a header is missing, or the
 * timestamp is more than 5 minutes from this machine's clock. Pass the body exactly as received:
 * re-serialised JSON does not verify.
 */
export function verifyWebhook(
  payload: string | Buffer,
  headers: WebhookHeaders,
  secret: string,
): WebhookEvent {
  return new Webhook(secret).verify(payload, plainHeaders(headers)) as WebhookEvent;
}

/** The Standard Webhooks headers for one attempt of a delivery, signed at `at` (wall clock). */
export function signWebhook(
  secret: string,
  eventId: string,
  payload: string,
  at: Date = new Date(),
): Record<'webhook-id' | 'webhook-timestamp' | 'webhook-signature', string> {
  return {
    'webhook-id': eventId,
    'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
    'webhook-signature': new Webhook(secret).sign(eventId, at, payload),
  };
}
