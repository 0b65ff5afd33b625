import type { Exchange } from '../exchange.js';
import { broken, kept } from '../promise-verdicts.js';
import type { ResultMatrix } from '../results.js';

/**
 * `request-id`: `X-Request-Id` names one request: no two responses of the run carry the same id
 * (a retry and an idempotent replay get their own).
 */
export class RequestIds {
  readonly #seen = new Map<string, string>();

  observe(matrix: ResultMatrix, operationId: string, exchange: Exchange): void {
    const id = exchange.responseHeaders['x-request-id'];
    // A missing id is the headers check's to report.
    if (exchange.status === 0 || id === undefined) return;
    const first = this.#seen.get(id);
    if (first === undefined) {
      this.#seen.set(id, `${exchange.method} ${exchange.url}`);
      kept(matrix, 'request-id-unique', operationId);
    } else
      broken(
        matrix,
        'request-id-unique',
        operationId,
        `X-Request-Id ${id} was already given to an earlier request (${first})`,
        exchange,
      );
  }
}
