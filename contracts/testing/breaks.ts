import type { Breakage, ProxiedRequest, ProxiedResponse } from './breaking-proxy.js';

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

const json = (response: ProxiedResponse) => /json/.test(response.headers['content-type'] ?? '');

function editJson(response: ProxiedResponse, edit: (body: Record<string, unknown>) => void): void {
  if (!json(response) || response.body.length === 0) return;
  const body = JSON.parse(response.body.toString('utf8')) as Record<string, unknown>;
  edit(body);
  response.body = Buffer.from(JSON.stringify(body));
}

/** Answers `to` wherever the target answered `from` (and `when` holds). */
function swapStatus(
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
function swapToken(when: (authorization: string | undefined) => boolean, to: string): Breakage {
  return {
    request(request) {
      if (when(request.headers.authorization)) request.headers.authorization = `Bearer ${to}`;
    },
  };
}

// A fake rate limit: plausible headers, nothing enforced.
function fakeRateLimit(): Breakage {
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

/** Breakages of the mock, each caught by a named check. */
export const BREAKAGES: NamedBreakage[] = [
  {
    name: 'drops X-RateLimit-Remaining',
    breakage: { response: (r) => void delete r.headers['x-ratelimit-remaining'] },
    expect: 'headers',
    checks: ['positive-data'],
  },
  {
    name: 'answers 200 instead of 201 on create',
    breakage: swapStatus(201, 200, (q) => q.method === 'POST'),
    expect: 'status-documented',
    checks: ['positive-data'],
  },
  {
    name: 'sends sequence as a string',
    breakage: {
      response: (r) =>
        editJson(r, (b) => {
          if (typeof b.sequence === 'number') b.sequence = String(b.sequence);
        }),
    },
    expect: 'schema',
    checks: ['lifecycle'],
  },
  {
    name: 'ignores auth (swaps in a valid token)',
    breakage: swapToken((auth) => auth !== 'Bearer demo-token-other', 'demo-token'),
    expect: 'auth-missing-token',
    checks: ['auth-missing-token', 'auth-unknown-token'],
  },
  {
    name: 'lets the read-only token write',
    breakage: swapToken((auth) => auth === 'Bearer demo-token-readonly', 'demo-token'),
    expect: 'auth-readonly-write',
    checks: ['auth-readonly-write'],
  },
  {
    name: "shows another user's data",
    breakage: swapToken((auth) => auth === 'Bearer demo-token-other', 'demo-token'),
    expect: 'auth-cross-user',
    checks: ['auth-cross-user'],
  },
  {
    name: 'turns 409 into 200',
    breakage: swapStatus(409, 200),
    expect: 'lifecycle',
    checks: ['lifecycle'],
  },
  {
    name: 'sends an undocumented status (410 for 404)',
    breakage: swapStatus(404, 410),
    expect: 'status-documented',
    checks: ['unknown-id'],
  },
  {
    name: 'labels JSON as text/plain',
    breakage: {
      response: (r) => {
        if (r.status < 300 && json(r)) r.headers['content-type'] = 'text/plain';
      },
    },
    expect: 'content-type',
    checks: ['positive-data'],
  },
  {
    name: 'answers 500 to bad input',
    breakage: swapStatus(400, 500),
    expect: 'negative-body',
    checks: ['negative-body'],
  },
  {
    name: 'does not enforce the rate limit (fakes the headers)',
    breakage: fakeRateLimit(),
    expect: 'rate-limit',
    reason: /not enforced/,
    checks: ['rate-limit'],
    mock: { rateLimit: 0 },
  },
  {
    name: 'lets an ended call come back to life',
    breakage: {
      response: (r, q) =>
        q.method === 'GET' && /^\/calls\/call_/.test(q.url)
          ? editJson(r, (b) => {
              if (b.status === 'completed') b.status = 'in-progress';
            })
          : undefined,
    },
    expect: 'lifecycle',
    checks: ['lifecycle'],
  },
  {
    name: 'answers an undocumented method with 404',
    breakage: swapStatus(405, 404),
    expect: 'undocumented-method',
    checks: ['undocumented-method'],
  },
  {
    name: 'omits WWW-Authenticate on 401',
    breakage: { response: (r) => void delete r.headers['www-authenticate'] },
    expect: 'auth-missing-token',
    checks: ['auth-missing-token'],
  },
  {
    name: 'signs webhooks with the wrong key',
    breakage: {
      webhook: (d) => {
        const signature = d.headers['webhook-signature'] ?? '';
        d.headers['webhook-signature'] = signature.replace(/v1,[A-Za-z0-9+/]{4}/, 'v1,AAAA');
      },
    },
    expect: 'webhooks',
    reason: /signature does not verify/,
    checks: ['webhooks'],
  },
];
