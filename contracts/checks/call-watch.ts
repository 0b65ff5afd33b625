import { CALL_FLOW, isEnding, statusRank } from '../call-flow.js';
import type { Exchange } from '../exchange.js';
import type { RunContext } from '../run-context.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

interface CallView {
  status?: unknown;
  sequence?: unknown;
}

/**
 * Follows one call as the target reports it, from any response that carries the call, and fails
 * `lifecycle` on the reading operation if the status ever goes backwards, an ending changes, or
 * `sequence` decreases.
 */
export class CallWatch {
  readonly callId: string;
  status: string;
  sequence: number;
  readonly seen: string[] = [];
  readonly #ctx: RunContext;

  constructor(ctx: RunContext, callId: string, created: CallView) {
    this.#ctx = ctx;
    this.callId = callId;
    this.status = String(created.status);
    this.sequence = Number(created.sequence ?? 0);
    this.seen.push(this.status);
  }

  get ended(): boolean {
    return isEnding(this.#ctx.spec, this.status);
  }

  get live(): boolean {
    return this.status === CALL_FLOW.live;
  }

  /** Takes the call from a response body (a 2xx that returns the call); returns false on a violation. */
  observe(operationId: string, exchange: Exchange): boolean {
    const view = exchange.json as CallView | undefined;
    if (exchange.status < 200 || exchange.status > 299 || typeof view?.status !== 'string') return true;
    const { spec, matrix } = this.#ctx;
    const before = this.status;
    const next = view.status;
    const sequence = Number(view.sequence ?? this.sequence);
    let problem: string | undefined;
    if (isEnding(spec, before) && next !== before) problem = `ended call went from ${before} to ${next}`;
    else if (statusRank(spec, next) < statusRank(spec, before))
      problem = `status went backwards: ${before} → ${next}`;
    else if (sequence < this.sequence) problem = `sequence went backwards: ${this.sequence} → ${sequence}`;
    else if (next !== before && sequence === this.sequence)
      problem = `status changed ${before} → ${next} but sequence stayed ${sequence}`;
    if (problem) {
      matrix.fail(operationId, 'lifecycle', problem, exchange);
      return false;
    }
    matrix.pass(operationId, 'lifecycle');
    this.status = next;
    this.sequence = sequence;
    if (this.seen.at(-1) !== next) this.seen.push(next);
    return true;
  }

  /** Reads the call once. */
  async read(): Promise<Exchange | undefined> {
    const read = this.#ctx.spec.operations.get(CALL_FLOW.read);
    if (!read) return undefined;
    const filled = this.#ctx.fixtures.fill(read, { [read.parameters[0]?.name ?? 'callId']: this.callId });
    if ('missing' in filled) return undefined;
    const exchange = await this.#ctx.target.send({
      operationId: read.operationId,
      method: read.method,
      path: filled.path,
    });
    this.observe(read.operationId, exchange);
    return exchange;
  }

  /** Polls until the status leaves `from` (or the call ends), backing off; false at the deadline. */
  async waitForChange(from: string, deadline: number): Promise<boolean> {
    let pause = 50;
    while (Date.now() < deadline) {
      await this.read();
      if (this.status !== from || this.ended) return true;
      await sleep(pause);
      pause = Math.min(pause * 1.5, 1000);
    }
    return false;
  }
}
