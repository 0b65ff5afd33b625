import type { SpecOperation } from '../../spec/spec.js';
import type { FaultBoard } from '../stores/faults.js';
import { parsePrefer } from '../stores/faults.js';
import { documentedResponse } from './documented-response.js';
import { problem } from './problems.js';
import { problemResponse } from './respond.js';
import type { ApiResponse } from './types.js';

// A plain timer rather than node:timers/promises, so the pipeline also runs in a browser.
const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Faults on demand. `Prefer: delay=MS` waits; `Prefer: code=NNN` answers with the spec's example
 * for that documented status; an armed admin fault answers 500/503 or drops the connection.
 * Returns undefined when the request should go on as usual.
 */
export async function applyFault(
  board: FaultBoard,
  operation: SpecOperation,
  preferHeader: string | undefined,
  requestId: string,
  headers: Record<string, string>,
): Promise<ApiResponse | undefined> {
  const prefer = parsePrefer(preferHeader);
  if (prefer.delayMs) await sleep(prefer.delayMs);
  const fault = board.take(operation.operationId);
  if (fault?.kind === 'timeout') {
    await sleep(fault.delayMs);
    return { status: 504, headers, dropConnection: true };
  }
  if (fault) {
    const code = fault.status === 503 ? 'service_unavailable' : 'internal_error';
    const more = fault.remaining > 0 ? `${fault.remaining} more to come` : 'the last one';
    return problemResponse(problem(code, `Injected by fault ${fault.id} (${more}).`, requestId), headers);
  }
  if (prefer.code === undefined) return undefined;
  const documented = documentedResponse(operation, prefer.code);
  if (!documented) {
    const allowed = Object.keys(operation.responses).join(', ');
    const detail = `Prefer: code=${prefer.code} is not documented for ${operation.operationId} (${allowed}).`;
    return problemResponse(problem('prefer_not_documented', detail, requestId), headers);
  }
  const out: Record<string, string> = { ...documented.headerExamples, ...headers };
  if (documented.example === undefined) return { status: prefer.code, headers: out };
  const body = documented.example as Record<string, unknown>;
  // A problem example gets this request's id, so it stays a valid, traceable problem document.
  if (body && typeof body === 'object' && 'requestId' in body) body.requestId = requestId;
  return {
    status: prefer.code,
    headers: { ...out, 'Content-Type': documented.contentType ?? 'application/json' },
    body: JSON.stringify(body),
  };
}
