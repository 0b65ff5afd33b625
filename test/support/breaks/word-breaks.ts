import type { ProxiedRequest } from './breaking-proxy.js';
import { editJson, type NamedBreakage, swapStatus } from './ways-to-break.js';

const READONLY = 'Bearer demo-token-readonly';
const isCallAction = (request: ProxiedRequest, action: string) =>
  new RegExp(`^/calls/call_[A-Za-z0-9]+/${action}$`).test(request.url);

// Counts every ended call's durationSeconds from its creation, ringing included (a call, or the calls of a page).
function durationsFromCreation(body: Record<string, unknown>): void {
  const calls = Array.isArray(body.data) ? (body.data as Array<Record<string, unknown>>) : [body];
  for (const call of calls)
    if (typeof call.durationSeconds === 'number')
      call.durationSeconds = Math.round(
        (Date.parse(String(call.endedAt)) - Date.parse(String(call.createdAt))) / 1000,
      );
}

// Starts calls with whatever agent they name: a cloning voice is swapped for a ready one the proxy saw.
function ignoresVoiceState(): NamedBreakage['breakage'] {
  let ready: string | undefined;
  const cloning = new Set<string>();
  return {
    request(request) {
      if (request.method !== 'POST' || request.url !== '/calls' || !ready) return;
      const body = JSON.parse(request.body.toString('utf8')) as { agentId?: string };
      if (body.agentId && cloning.has(body.agentId))
        request.body = Buffer.from(JSON.stringify({ ...body, agentId: ready }));
    },
    response(response, request) {
      if (request.method !== 'POST' || request.url !== '/agents' || response.status !== 201) return;
      const agent = JSON.parse(response.body.toString('utf8')) as { id: string; voice: { status: string } };
      if (agent.voice.status === 'ready') ready ??= agent.id;
      else cloning.add(agent.id);
    },
  };
}

/**
 * Breaks of what the spec's words promise while every schema still validates: each caught by the
 * check that judges those words (see contracts/promises.ts).
 */
export const WORD_BREAKAGES: NamedBreakage[] = [
  {
    name: 'gives every response the same X-Request-Id',
    breakage: {
      response: (r) => {
        r.headers['x-request-id'] = 'req_0000000000000000';
        if (/problem\+json/.test(r.headers['content-type'] ?? ''))
          editJson(r, (b) => {
            b.requestId = 'req_0000000000000000';
          });
      },
    },
    expect: 'request-id',
    checks: ['positive-data'],
  },
  {
    name: 'sends X-RateLimit-Reset as seconds to wait, not a Unix time',
    breakage: {
      response: (r) => {
        const reset = Number(r.headers['x-ratelimit-reset']);
        if (Number.isInteger(reset))
          r.headers['x-ratelimit-reset'] = String(Math.max(0, reset - Math.floor(Date.now() / 1000)) % 3600);
      },
    },
    expect: 'rate-limit-meaning',
    reason: /not a Unix time in seconds/,
    checks: ['positive-data'],
  },
  {
    name: 'never counts X-RateLimit-Remaining down',
    breakage: {
      response: (r) => {
        if (r.headers['x-ratelimit-limit'] !== undefined)
          r.headers['x-ratelimit-remaining'] = r.headers['x-ratelimit-limit'];
      },
    },
    expect: 'rate-limit-meaning',
    reason: /two requests in one window/,
    checks: ['rate-limit-meaning'],
  },
  {
    name: 'answers an update with the agent as it was',
    breakage: {
      response: (r, q) =>
        q.method === 'PUT' && /^\/agents\/agt_[A-Za-z0-9]+$/.test(q.url)
          ? editJson(r, (b) => {
              if (typeof b.greeting === 'string') b.greeting = 'Hello from before the update.';
            })
          : undefined,
    },
    expect: 'change-shown',
    reason: /does not show what was written: \/greeting/,
    checks: ['positive-data'],
  },
  {
    name: 'reads back an agent with another name than it was given',
    breakage: {
      response: (r, q) =>
        q.method === 'GET' && /^\/agents\/agt_[A-Za-z0-9]+$/.test(q.url)
          ? editJson(r, (b) => {
              b.name = 'A stale name';
            })
          : undefined,
    },
    expect: 'change-shown',
    reason: /a read after the write shows \/name/,
    checks: ['positive-data'],
  },
  {
    name: 'answers a persona replacement with 201, as if it were created',
    breakage: swapStatus(200, 201, (q) => q.method === 'POST' && /\/persona$/.test(q.url)),
    expect: 'exact-status',
    reason: /a persona replacing one got 201, not 200/,
    checks: ['exact-status'],
  },
  {
    name: 'starts a call with a voice still cloning',
    breakage: ignoresVoiceState(),
    expect: 'exact-status',
    reason: /a call with a voice still processing got 201, not 409/,
    checks: ['exact-status'],
  },
  {
    name: 'refuses a body in another media type with 400, not 415',
    breakage: {
      response(response) {
        if (response.status !== 415) return;
        response.status = 400;
        editJson(response, (b) => {
          b.status = 400;
        });
      },
    },
    expect: 'exact-status',
    reason: /got 400, not 415/,
    checks: ['exact-status'],
  },
  {
    name: 'accepts a webhook URL with no host',
    breakage: {
      request: (q) => {
        q.body = Buffer.from(
          q.body.toString('utf8').replaceAll('"https://"', '"https://app.example.com/hook"'),
        );
      },
    },
    expect: 'negative-body',
    reason: /a URL with no host/,
    checks: ['negative-body'],
  },
  {
    name: 'ignores the filters of a list',
    breakage: {
      request: (q) => {
        q.url = q.url.replace(/([?&])(status|direction|number)=[^&]*&?/g, '$1').replace(/[?&]$/, '');
      },
    },
    expect: 'filters',
    checks: ['filters'],
  },
  {
    name: 'lists nothing when a list is filtered',
    breakage: {
      response: (r, q) =>
        q.method === 'GET' && /^\/(calls|texts)\?(.*&)?(status|direction|number)=/.test(q.url)
          ? editJson(r, (b) => {
              b.data = [];
              b.nextCursor = null;
            })
          : undefined,
    },
    expect: 'filters',
    reason: /left out/,
    checks: ['filters', 'lifecycle', 'positive-data'],
  },
  {
    name: 'cancels a live call that is hung up (instead of completing it)',
    breakage: {
      response: (r, q) =>
        q.method === 'PUT' && isCallAction(q, 'hangup')
          ? editJson(r, (b) => {
              if (b.status === 'completed') {
                b.status = 'canceled';
                b.endedReason = 'canceled';
              }
            })
          : undefined,
    },
    expect: 'action-outcome',
    reason: /became canceled/,
    checks: ['lifecycle'],
  },
  {
    name: 'answers respond without adding the words to the transcript',
    breakage: {
      response: (r, q) =>
        q.method === 'POST' && isCallAction(q, 'respond')
          ? editJson(r, (b) => {
              if (Array.isArray(b.transcript)) b.transcript = b.transcript.slice(0, -1);
            })
          : undefined,
    },
    expect: 'action-outcome',
    reason: /transcript has no agent entry/,
    checks: ['lifecycle'],
  },
  {
    name: 'counts durationSeconds from creation, ringing included',
    breakage: { response: (r) => editJson(r, durationsFromCreation) },
    expect: 'derived-fields',
    reason: /durationSeconds is \d+; endedAt − answeredAt/,
    checks: ['lifecycle'],
  },
  {
    name: "refuses another user's token the reads of their own lists",
    breakage: {
      request: (q) => {
        if (q.method === 'GET' && q.headers.authorization === 'Bearer demo-token-other')
          q.headers.authorization = 'Bearer demo-token-suspended';
      },
    },
    expect: 'auth-cross-user',
    reason: /reading their own \w+ got 403, not a 2xx/,
    checks: ['auth-cross-user'],
  },
  {
    name: 'refuses the read-only token its reads',
    breakage: {
      request: (q) => {
        if (q.method === 'GET' && q.headers.authorization === READONLY)
          q.headers.authorization = 'Bearer demo-token-suspended';
      },
    },
    expect: 'auth-readonly-read',
    checks: ['auth-readonly-read'],
  },
];
