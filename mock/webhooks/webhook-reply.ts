import type { ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';

/** What a receiver's answer to `text.received` asks for. */
export type WebhookReply =
  | { kind: 'none' }
  | { kind: 'reply'; body: string }
  | { kind: 'invalid'; reason: string };

const checks = new WeakMap<object, ValidateFunction>();

// The schema comes from the loaded spec so the reply's limits are never written twice (and no file
// is read, so this runs in a browser too); it is small and without $refs, compiled once per schema.
function replyCheck(schema: object): ValidateFunction {
  let check = checks.get(schema);
  if (!check) {
    check = new Ajv2020({ strict: false, allErrors: true }).compile(schema);
    checks.set(schema, check);
  }
  return check;
}

/** Reads a `200` answer to `text.received`: `{"reply": "…"}` (the spec's TextWebhookReply `schema`) asks for a reply SMS. */
export function readWebhookReply(answer: string, truncated: boolean, schema: object): WebhookReply {
  if (truncated) return { kind: 'invalid', reason: 'the answer is over 64 KB' };
  if (answer.trim() === '') return { kind: 'none' };
  let json: unknown;
  try {
    json = JSON.parse(answer);
  } catch {
    return { kind: 'invalid', reason: 'the answer is not JSON' };
  }
  const valid = replyCheck(schema);
  if (!valid(json)) {
    const why = (valid.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ');
    return { kind: 'invalid', reason: `the answer is not a TextWebhookReply (${why})` };
  }
  const reply = (json as { reply?: string }).reply;
  return reply === undefined ? { kind: 'none' } : { kind: 'reply', body: reply };
}
