import type { Spec } from '../spec/spec.js';
import { CALL_FLOW } from './call-flow.js';
import type { Exchange } from './exchange.js';
import type { ProbeRequest, Target } from './target.js';

/** Something the run created on the target, listed in the report. */
export interface CreatedResource {
  operationId: string;
  id: string;
  note?: string;
}

/**
 * What the run created and the call budget. Every call the run started is hung up: at once when a
 * request created one it did not mean to (a target that accepted a bad request), and at the end
 * for the rest, even after a failure or Ctrl-C.
 */
export class RunLedger {
  readonly created: CreatedResource[] = [];
  readonly maxCalls: number;
  #callsTaken = 0;
  #live = new Set<string>();
  readonly #target: Target;
  readonly #spec: Spec;

  constructor(target: Target, spec: Spec, maxCalls: number) {
    this.#target = target;
    this.#spec = spec;
    this.maxCalls = maxCalls;
    target.onExchange((request, exchange) => this.#observe(request, exchange));
  }

  /** Reserves one call of the budget; false when `--max-calls` is spent. */
  takeCall(): boolean {
    if (this.#callsTaken >= this.maxCalls) return false;
    this.#callsTaken += 1;
    return true;
  }

  /** Gives back a call reserved for a request the target refused (it created nothing). */
  returnCall(): void {
    if (this.#callsTaken > 0) this.#callsTaken -= 1;
  }

  get callsCreated(): number {
    return this.created.filter((c) => c.operationId === CALL_FLOW.create).length;
  }

  note(id: string, note: string): void {
    const entry = this.created.find((c) => c.id === id);
    if (entry) entry.note = entry.note ? `${entry.note}; ${note}` : note;
  }

  async #observe(request: ProbeRequest, exchange: Exchange): Promise<void> {
    const id = (exchange.json as { id?: unknown } | undefined)?.id;
    const ok = exchange.status >= 200 && exchange.status < 300;
    if (request.operationId === CALL_FLOW.hangUp && (ok || exchange.status === 409)) {
      const callId = decodeURIComponent(request.path.split('/')[2] ?? '');
      if (this.#live.delete(callId)) this.note(callId, 'hung up');
      return;
    }
    if (!ok || typeof id !== 'string' || request.method === 'GET' || exchange.status !== 201) return;
    // An idempotent replay hands back what the first request created.
    if (this.created.some((c) => c.id === id)) return;
    this.created.push({ operationId: request.operationId ?? request.method, id });
    if (request.operationId !== CALL_FLOW.create) return;
    this.#live.add(id);
    if (!request.createsCall) {
      this.note(id, 'created by a request that should have been refused');
      await this.hangUp(id);
    }
  }

  /** Hangs up one call the run started. */
  async hangUp(callId: string): Promise<Exchange | undefined> {
    const hangUp = this.#spec.operations.get(CALL_FLOW.hangUp);
    if (!hangUp) return undefined;
    return this.#target.send({
      operationId: hangUp.operationId,
      method: hangUp.method,
      path: hangUp.path.replace(/\{[^}]+\}/, encodeURIComponent(callId)),
      cleanup: true,
    });
  }

  /** Hangs up every call still live; never throws (it runs on the way out). */
  async hangUpAll(): Promise<void> {
    for (const callId of [...this.#live]) {
      try {
        await this.hangUp(callId);
      } catch {
        this.note(callId, 'could not be hung up');
      }
    }
  }
}
