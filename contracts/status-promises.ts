import type { CheckName } from './results.js';

interface OperationView {
  operationId?: string;
  parameters?: Array<{ in?: string; name?: string }>;
  requestBody?: unknown;
  responses?: Record<string, { description?: string }>;
}

type Verdict = { check: CheckName } | { unobservable: string };
/** A promise of a documented status (the same shape as a row of `PROMISES`). */
export type StatusPromise = { id: string; at: string; words: string } & Verdict;

/** A key as a JSON pointer segment (RFC 6901: `~` → `~0`, `/` → `~1`). */
export const pointerSegment = (segment: string) => segment.replace(/~/g, '~0').replace(/\//g, '~1');
const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'head', 'options'];

/** The operations whose `409` is the idempotency conflict (their other 409s cannot be provoked). */
const IDEMPOTENT_CREATES = new Set(['createAgent', 'sendText']);
/** The read the rate-limit check spends the quota on (the first GET that needs nothing). */
const QUOTA_SPENDER = 'listCalls';

// Which check provokes each documented status of an operation, or why none can.
function statusVerdict(operation: OperationView, status: string, webhook: boolean): Verdict | undefined {
  const id = operation.operationId ?? '';
  const params = operation.parameters ?? [];
  if (webhook)
    return id === 'callEventWebhook'
      ? { check: 'webhooks' }
      : { unobservable: 'a text event: needs an inbound SMS or the user-wide texts webhook' };
  if (
    (id === 'upsertAgentPersona' && status.startsWith('2')) ||
    (id === 'getAgentPersona' && status === '404')
  )
    return { check: 'exact-status' };
  if (status.startsWith('2')) return { check: 'positive-data' };
  switch (status) {
    case '400':
      if (operation.requestBody) return { check: 'negative-body' };
      if (params.some((p) => p.in === 'path')) return { check: 'negative-path' };
      if (params.some((p) => p.in === 'query')) return { check: 'negative-query' };
      return { unobservable: 'the operation takes no input the suite could make invalid' };
    case '401':
      return { check: 'auth-missing-token' };
    case '403':
      return { check: 'auth-suspended' };
    case '404':
      if (id === 'getTextWebhook')
        return { unobservable: 'only while the user never set a texts webhook; the suite cannot unset one' };
      return { check: 'unknown-id' };
    case '409':
      if (id === 'createCall') return { check: 'exact-status' };
      if (IDEMPOTENT_CREATES.has(id)) return { check: 'idempotency' };
      return { check: 'lifecycle' };
    case '413':
    case '415':
      return { check: 'exact-status' };
    case '429':
      return id === QUOTA_SPENDER
        ? { check: 'rate-limit' }
        : { unobservable: `the quota is per user: the suite spends it once, on ${QUOTA_SPENDER}` };
    case '500':
    case '503':
      return { unobservable: 'a server fault: not provokable from outside' };
    default:
      // A status no rule knows gets no row: the sweep test names it.
      return undefined;
  }
}

/**
 * A promise for every status an operation (or webhook) documents: that the situation its
 * response's description names gets exactly that status. The words are the response's description.
 */
export function statusPromises(document: {
  paths?: Record<string, Record<string, unknown>>;
  webhooks?: Record<string, Record<string, unknown>>;
}): StatusPromise[] {
  const out: StatusPromise[] = [];
  for (const [section, webhook] of [
    ['paths', false],
    ['webhooks', true],
  ] as const) {
    for (const [path, item] of Object.entries(document[section] ?? {})) {
      for (const method of METHODS) {
        const own = item[method] as OperationView | undefined;
        if (!own?.responses) continue;
        // Parameters of the path item apply to each of its operations.
        const shared = (item.parameters ?? []) as NonNullable<OperationView['parameters']>;
        const operation = { ...own, parameters: [...shared, ...(own.parameters ?? [])] };
        for (const [status, response] of Object.entries(own.responses)) {
          const verdict = statusVerdict(operation, status, webhook);
          if (!verdict) continue;
          out.push({
            id: `${operation.operationId}-${status}`,
            at: `/${section}/${pointerSegment(path)}/${method}/responses/${status}`,
            words: response.description ?? '',
            ...verdict,
          });
        }
      }
    }
  }
  return out;
}
