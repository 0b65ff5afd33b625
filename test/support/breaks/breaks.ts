import {
  editJson,
  editProblem,
  fakeRateLimit,
  json,
  leaksUnderConcurrency,
  type NamedBreakage,
  refusesButApplies,
  SUSPENDED,
  swapStatus,
  swapToken,
} from './ways-to-break.js';
import { WORD_BREAKAGES } from './word-breaks.js';

export type { NamedBreakage } from './ways-to-break.js';

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
  {
    name: 'lets the suspended account in',
    breakage: swapToken((auth) => auth === SUSPENDED, 'demo-token'),
    expect: 'auth-suspended',
    checks: ['auth-suspended'],
  },
  {
    name: 'refuses the suspended account but applies its writes',
    breakage: refusesButApplies(),
    expect: 'auth-suspended',
    reason: /changed what/,
    checks: ['auth-suspended'],
  },
  {
    name: 'says another status in the problem than in the response',
    breakage: editProblem((b, r) => {
      b.status = r.status + 1;
    }),
    expect: 'problem-body',
    reason: /status says/,
    checks: ['unknown-id'],
  },
  {
    name: 'gives problems a type that is not the documented one of their code',
    breakage: editProblem((b) => {
      b.type = 'https://example.com/problems/oops';
    }),
    expect: 'problem-body',
    reason: /not the documented type/,
    checks: ['unknown-id'],
  },
  {
    name: 'sends a RateLimit field that disagrees with X-RateLimit-Remaining',
    breakage: {
      response: (r) => {
        const remaining = Number(r.headers['x-ratelimit-remaining']);
        if (!Number.isInteger(remaining)) return;
        r.headers['ratelimit-policy'] = `"default";q=${r.headers['x-ratelimit-limit']};w=60`;
        r.headers.ratelimit = `"default";r=${remaining + 1};t=30`;
      },
    },
    expect: 'rate-limit-fields',
    reason: /RateLimit r=/,
    checks: ['positive-data'],
  },
  {
    name: 'ignores Idempotency-Key (a replay creates again)',
    breakage: { request: (q) => void delete q.headers['idempotency-key'] },
    expect: 'idempotency',
    checks: ['idempotency'],
  },
  {
    name: 'replays without Idempotent-Replayed',
    breakage: { response: (r) => void delete r.headers['idempotent-replayed'] },
    expect: 'idempotency',
    reason: /Idempotent-Replayed/,
    checks: ['idempotency'],
  },
  {
    name: 'sends a Location that names another resource',
    breakage: {
      response: (r) => {
        const location = r.headers.location;
        if (location) r.headers.location = location.replace(/_[A-Za-z0-9]+$/, '_zzzzzzzzzzzzzzzz');
      },
    },
    expect: 'location',
    checks: ['location'],
  },
  {
    name: 'cannot read back a created SMS (the link leads nowhere)',
    breakage: swapStatus(200, 404, (q) => q.method === 'GET' && /^\/texts\/txt_/.test(q.url)),
    expect: 'links',
    checks: ['links'],
  },
  {
    name: 'ignores the cursor (every page is the first)',
    breakage: {
      request: (q) => {
        q.url = q.url.replace(/([?&])cursor=[^&]*&?/, '$1').replace(/[?&]$/, '');
      },
    },
    expect: 'pagination',
    checks: ['pagination', 'positive-data'],
  },
  {
    name: 'lets parallel requests over the limit through',
    breakage: leaksUnderConcurrency(),
    expect: 'rate-limit-concurrency',
    reason: /parallel requests succeeded/,
    checks: ['rate-limit-concurrency'],
    mock: { rateLimit: 20 },
  },
  ...WORD_BREAKAGES,
];
