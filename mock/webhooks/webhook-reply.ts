import { readFileSync } from 'node:fs';
import type { ValidateFunction } from 'ajv';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { parse } from 'yaml';
import { SPEC_PATH } from '../../src/spec.js';

/** What a receiver's answer to `text.received` asks for. */
export type WebhookReply =
  | { kind: 'none' }
  | { kind: 'reply'; body: string }
  | { kind: 'invalid'; reason: string };

let check: ValidateFunction | undefined;

// Read from openapi.yaml so the reply's limits are never written twice; it is a small schema
// without $refs, compiled once on first use.
function replyCheck(): ValidateFunction {
  if (!check) {
    const document = parse(readFileSync(SPEC_PATH, 'utf8')) as {
      components: { schemas: Record<string, object> };
    };
    const schema = document.components.schemas.TextWebhookReply;
    if (!schema) throw new Error('openapi.yaml has no TextWebhookReply schema');
    check = new Ajv2020({ strict: false, allErrors: true }).compile(schema);
  }
  return check;
}

/** Reads a `200` answer to `text.received`: `{"reply": "…"}` (TextWebhookReply) asks for a reply SMS. */
export function readWebhookReply(answer: string, truncated: boolean): WebhookReply {
  if (truncated) return { kind: 'invalid', reason: 'the answer is over 64 KB' };
  if (answer.trim() === '') return { kind: 'none' };
  let json: unknown;
  try {
    json = JSON.parse(answer);
  } catch {
    return { kind: 'invalid', reason: 'the answer is not JSON' };
  }
  const valid = replyCheck();
  if (!valid(json)) {
    const why = (valid.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ');
    return { kind: 'invalid', reason: `the answer is not a TextWebhookReply (${why})` };
  }
  const reply = (json as { reply?: string }).reply;
  return reply === undefined ? { kind: 'none' } : { kind: 'reply', body: reply };
}
