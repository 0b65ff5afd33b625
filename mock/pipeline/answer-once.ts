import { canonicalJson, IdempotencyStore } from '../stores/idempotency.js';
import { problem } from './problems.js';
import { problemResponse } from './respond.js';
import type { ApiRequest, ApiResponse, ValidatedInput } from './types.js';

/** One answer per `Idempotency-Key`: `answer` runs for a new key, and a retry gets the first answer again. */
export type AnswerOnce = (
  req: ApiRequest,
  operationId: string,
  input: ValidatedInput,
  requestId: string,
  headers: Record<string, string>,
  answer: () => Promise<ApiResponse>,
) => Promise<ApiResponse>;

/**
 * Idempotency over a store: a request without a key is answered; with a key seen before for the same
 * request, the stored answer is replayed (`Idempotent-Replayed: true`); for another request, 409.
 */
export function answerOnce(store: IdempotencyStore): AnswerOnce {
  // Requests with an Idempotency-Key being answered, by user and key.
  const answering = new Map<string, Promise<ApiResponse>>();
  return async (req, operationId, input, requestId, headers, answer) => {
    const key = req.headers['idempotency-key'];
    if (!key) return answer();
    const userId = input.principal?.user.id ?? '';
    const slot = `${userId} ${key}`;
    // A retry that arrives while the first is still being answered waits for it, then replays it.
    for (let pending = answering.get(slot); pending; pending = answering.get(slot)) await pending;
    const fingerprint = IdempotencyStore.fingerprint(operationId, req.path, canonicalJson(input.body));
    const verdict = store.check(userId, key, fingerprint);
    if (verdict.kind === 'replay') {
      const replayed = verdict.response;
      return { ...replayed, headers: { ...replayed.headers, ...headers, 'Idempotent-Replayed': 'true' } };
    }
    if (verdict.kind === 'conflict') {
      const detail = `The Idempotency-Key '${key}' was used for a different request.`;
      return problemResponse(problem('idempotency_key_reused', detail, requestId), headers);
    }
    const answered = answer();
    answering.set(slot, answered);
    try {
      const response = await answered;
      if (response.status < 500) store.remember(userId, key, fingerprint, response);
      return response;
    } finally {
      answering.delete(slot);
    }
  };
}
