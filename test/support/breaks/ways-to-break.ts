import type { Breakage, ProxiedRequest, ProxiedResponse } from './breaking-proxy.js';

export const json = (response: ProxiedResponse) => /json/.test(response.headers['content-type'] ?? '');

export function editJson(response: ProxiedResponse, edit: (body: Record<string, unknown>) => void): void {
  if (!json(response) || response.body.length === 0) return;
  const body = JSON.parse(response.body.toString('utf8')) as Record<string, unknown>;
  edit(body);
  response.body = Buffer.from(JSON.stringify(body));
}

/** Answers `to` wherever the target answered `from` (and `when` holds). */
export function swapStatus(
  from: number,
  to: number,
  when: (request: ProxiedRequest) => boolean = () => true,
): Breakage {
  return {
    response(response, request) {
      if (response.status === from && when(request)) response.status = to;
    },
  };
}

/** Sends `to` as the token wherever `when` holds for the Authorization header. */
export function swapToken(when: (authorization: string | undefined) => boolean, to: string): Breakage {
  return {
    request(request) {
      if (when(request.headers.authorization)) request.headers.authorization = `Bearer ${to}`;
    },
  };
}

// A fake rate limit: plausible headers, nothing enforced.
export function fakeRateLimit(): Breakage {
  let remaining = 100;
  const reset = String(Math.floor(Date.now() / 1000) + 3600);
  return {
    response(response) {
      remaining = Math.max(0, remaining - 1);
      Object.assign(response.headers, {
        'x-ratelimit-limit': '100',
        'x-ratelimit-remaining': String(remaining),
        'x-ratelimit-reset': reset,
      });
    },
  };
}

export const SUSPENDED = 'Bearer demo-token-suspended';
const MARK = 'x-telemock-break';

// Lets the suspended account's request through as the full-access user, then answers as if refused.
export function refusesButApplies(): Breakage {
  return {
    request(request) {
      if (request.headers.authorization !== SUSPENDED) return;
      request.headers.authorization = 'Bearer demo-token';
      request.headers[MARK] = 'suspended';
    },
    response(response, request) {
      if (request.headers[MARK] !== 'suspended') return;
      const requestId = response.headers['x-request-id'] ?? 'req_0000000000000000';
      response.status = 403;
      response.headers['content-type'] = 'application/problem+json';
      const code = 'account_suspended';
      response.body = Buffer.from(
        JSON.stringify({
          type: `https://telemock.dev/problems/${code}`,
          title: 'Forbidden',
          status: 403,
          detail: 'Suspended.',
          code,
          requestId,
        }),
      );
    },
  };
}

// Counts requests one by one, but lets through whatever arrives while another is still in flight.
export function leaksUnderConcurrency(): Breakage {
  let inFlight = 0;
  return {
    request() {
      inFlight += 1;
    },
    response(response) {
      if (response.status === 429 && inFlight > 1) response.status = 200;
      inFlight -= 1;
    },
  };
}

/** Edits every problem document the target sends. */
export function editProblem(
  edit: (body: Record<string, unknown>, response: ProxiedResponse) => void,
): Breakage {
  return {
    response(response) {
      if (/problem\+json/.test(response.headers['content-type'] ?? ''))
        editJson(response, (b) => edit(b, response));
    },
  };
}

/** A named way to break the mock, and the check the contract suite must name when it meets it. */
export interface NamedBreakage {
  name: string;
  breakage: Breakage;
  expect: string;
  /** What the failure must say, where the check could fail for another reason. */
  reason?: RegExp;
  /** The checks a focused run needs to see it (the passive ones always come along). */
  checks: string[];
  /** Mock options the break needs (rate limit off, for one). */
  mock?: { rateLimit?: number };
}
