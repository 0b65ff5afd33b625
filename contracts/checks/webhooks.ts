import { Webhook } from 'standardwebhooks';
import { CALL_FLOW, statusRank } from '../call-flow.js';
import type { RunContext } from '../run-context.js';
import type { CallWatch } from './call-watch.js';
import type { Delivery } from './webhook-receiver.js';

/** The webhook of the spec that carries call events, and the settings operations that give its secret. */
export const CALL_EVENT_WEBHOOK = 'callEventWebhook';
const SETTINGS = { read: 'getTextWebhook', write: 'setTextWebhook' };

interface CallEventBody {
  type?: unknown;
  data?: { id?: unknown; status?: unknown; sequence?: unknown };
}

const parse = (body: string): CallEventBody | undefined => {
  try {
    return JSON.parse(body) as CallEventBody;
  } catch {
    return undefined;
  }
};

/**
 * Remembers the user's webhook settings before the run changes them (positive data, the webhooks
 * check) and returns how to put them back.
 */
export async function rememberWebhookSettings(ctx: RunContext) {
  const read = ctx.spec.operations.get(SETTINGS.read);
  const write = ctx.spec.operations.get(SETTINGS.write);
  if (!read || !write) return undefined;
  const before = await ctx.target.send({
    operationId: read.operationId,
    method: read.method,
    path: read.path,
  });
  const previous = before.status === 200 ? (before.json as { url?: unknown } | undefined)?.url : undefined;
  const restore = async () => {
    if (typeof previous === 'string')
      await ctx.target.send({
        operationId: write.operationId,
        method: write.method,
        path: write.path,
        body: { url: previous },
        cleanup: true,
      });
  };
  return { previous: typeof previous === 'string' ? previous : undefined, restore };
}

/** Points the webhook settings at the runner; the answer carries the per-user signing secret. */
export async function takeWebhookSecret(ctx: RunContext, url: string): Promise<string | undefined> {
  const write = ctx.spec.operations.get(SETTINGS.write);
  if (!write) return undefined;
  const set = await ctx.target.send({
    operationId: write.operationId,
    method: write.method,
    path: write.path,
    body: { url },
  });
  const secret = (set.json as { secret?: unknown } | undefined)?.secret;
  return typeof secret === 'string' ? secret : undefined;
}

/**
 * `webhooks` (opt-in): every event of the lifecycle's call arrives signed (Standard Webhooks, the
 * user's secret), valid against the spec's `webhooks` section, one event per `webhook-id` (duplicates
 * allowed, any arrival order), and in `sequence` the statuses never go backwards; every status the suite saw through the API has its event, the last one included.
 */
export async function checkCallWebhooks(
  ctx: RunContext,
  watch: CallWatch,
  secret: string,
  deliveries: () => Delivery[],
  wait: (done: (d: Delivery[]) => boolean) => Promise<boolean>,
) {
  const row = CALL_EVENT_WEBHOOK;
  const ofCall = (list: Delivery[]) => list.filter((d) => parse(d.body)?.data?.id === watch.callId);
  const arrived = await wait((list) =>
    ofCall(list).some((d) => parse(d.body)?.data?.status === watch.status),
  );
  const events = ofCall(deliveries());
  if (events.length === 0) return ctx.matrix.fail(row, 'webhooks', `no event arrived for ${watch.callId}`);
  const verifier = new Webhook(secret);
  const unique = new Map<string, { delivery: Delivery; body: CallEventBody }>();
  for (const delivery of events) {
    const evidence = `webhook ${delivery.headers['webhook-id'] ?? '(no id)'}: ${delivery.body.slice(0, 300)}`;
    try {
      verifier.verify(delivery.body, delivery.headers);
    } catch (error) {
      return ctx.matrix.fail(
        row,
        'webhooks',
        `signature does not verify (${(error as Error).message}); ${evidence}`,
      );
    }
    const body = parse(delivery.body) as CallEventBody;
    const check = ctx.validators.validateRequest(row, { body, headers: delivery.headers });
    if (!check.ok)
      return ctx.matrix.fail(
        row,
        'webhooks',
        `${check.errors.map((e) => `${e.path} ${e.message}`).join('; ')}; ${evidence}`,
      );
    // At least once: a duplicate carries the same id and the same event; an id on two events breaks deduplication.
    const id = delivery.headers['webhook-id'];
    const seen = id === undefined ? undefined : unique.get(id);
    if (seen && seen.delivery.body !== delivery.body)
      return ctx.matrix.fail(row, 'webhooks', `webhook-id ${id} names two different events; ${evidence}`);
    unique.set(id ?? String(unique.size), { delivery, body });
  }
  const ordered = [...unique.values()].sort(
    (a, b) => Number(a.body.data?.sequence) - Number(b.body.data?.sequence),
  );
  for (let i = 1; i < ordered.length; i++) {
    const [prev, next] = [ordered[i - 1]?.body.data, ordered[i]?.body.data];
    if (Number(prev?.sequence) === Number(next?.sequence))
      return ctx.matrix.fail(
        row,
        'webhooks',
        `two different events carry sequence ${String(next?.sequence)}`,
      );
    if (statusRank(ctx.spec, String(next?.status)) < statusRank(ctx.spec, String(prev?.status)))
      return ctx.matrix.fail(
        row,
        'webhooks',
        `in sequence order the status goes back: ${String(prev?.status)} → ${String(next?.status)}`,
      );
  }
  const statuses = new Set(ordered.map((e) => e.body.data?.status));
  const missing = watch.seen.slice(1).filter((status) => !statuses.has(status));
  if (!arrived || missing.length > 0)
    return ctx.matrix.fail(
      row,
      'webhooks',
      `no event for status ${missing.join(', ') || watch.status} of ${watch.callId} within ${ctx.options.timeoutMs} ms`,
    );
  ctx.matrix.pass(row, 'webhooks');
  if (!watch.seen.includes(CALL_FLOW.live))
    ctx.progress('webhooks: the call was never answered; only its ending was checked');
}
