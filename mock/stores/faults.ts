import type { components } from '../../spec/generated/admin-api.js';

export type Fault = components['schemas']['Fault'];
export type FaultRequest = components['schemas']['FaultRequest'];

/** What `Prefer` asks of one request (Prism's convention): a status to answer with, a delay before answering. */
export interface Preference {
  code?: number;
  delayMs?: number;
}

const MAX_DELAY_MS = 60_000;

/** Reads `Prefer: code=500, delay=2000` (RFC 7240 tokens; unknown ones are ignored, as the RFC says). */
export function parsePrefer(header: string | undefined): Preference {
  const preference: Preference = {};
  if (!header) return preference;
  for (const token of header.split(/[,;]/)) {
    const [name, value] = token.split('=').map((s) => s.trim().toLowerCase());
    const n = Number(value);
    if (!Number.isInteger(n) || n < 0) continue;
    if (name === 'code' && n >= 100 && n <= 599) preference.code = n;
    if (name === 'delay') preference.delayMs = Math.min(n, MAX_DELAY_MS);
  }
  return preference;
}

/**
 * Faults armed through the admin API: the next `count` requests to an operation fail — "fail
 * twice, then succeed" for testing an integrator's retries.
 */
export class FaultBoard {
  #faults: Fault[] = [];
  #seq = 0;

  add(request: FaultRequest): Fault {
    const fault: Fault = {
      id: `flt_${++this.#seq}`,
      operationId: request.operationId,
      kind: request.kind ?? 'error',
      status: request.status ?? 500,
      remaining: request.count ?? 1,
      delayMs: request.delayMs ?? 30_000,
    };
    this.#faults.push(fault);
    return fault;
  }

  /** Takes one use of the first fault armed for the operation, if any. */
  take(operationId: string): Fault | undefined {
    if (this.#faults.length === 0) return undefined;
    const index = this.#faults.findIndex((f) => f.operationId === operationId);
    if (index < 0) return undefined;
    const fault = this.#faults[index] as Fault;
    fault.remaining -= 1;
    if (fault.remaining <= 0) this.#faults.splice(index, 1);
    return { ...fault };
  }

  list(): Fault[] {
    return this.#faults.map((f) => ({ ...f }));
  }

  clear(): void {
    this.#faults = [];
  }
}
