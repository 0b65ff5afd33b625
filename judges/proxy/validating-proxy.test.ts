import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startValidatingProxy, type ValidatingProxy } from './validating-proxy.js';
import type { Violation } from './violations.js';

const RATE = {
  'x-ratelimit-limit': '100',
  'x-ratelimit-remaining': '99',
  'x-ratelimit-reset': '1767225660',
  'x-request-id': 'req_0000000000000001',
};
const AGENT = {
  id: 'agt_0000000000000001',
  name: 'Front desk',
  voice: { type: 'stock', voiceId: 'alloy', status: 'ready' },
};

// An upstream that answers what each test tells it to, and remembers what it was sent.
let answer: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => res.end();
const received: Array<{ method: string; url: string; headers: IncomingMessage['headers']; body: string }> =
  [];
let upstream: Server;
let proxy: ValidatingProxy;
const seen: Violation[] = [];

beforeAll(async () => {
  upstream = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    received.push({
      method: req.method ?? '',
      url: req.url ?? '',
      headers: req.headers,
      body: Buffer.concat(chunks).toString(),
    });
    answer(req, res);
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
  const { port } = upstream.address() as AddressInfo;
  // An upstream with a path of its own: the proxy prefixes it.
  proxy = await startValidatingProxy({
    upstream: `http://127.0.0.1:${port}/v1`,
    port: 0,
    onViolation: (v) => void seen.push(v),
  });
});
afterAll(async () => {
  await proxy.close();
  await new Promise((resolve) => upstream.close(resolve));
});

async function through(path: string, init: RequestInit = {}) {
  seen.length = 0;
  received.length = 0;
  const response = await fetch(`${proxy.url}${path}`, init);
  const body = await response.text();
  // The verdict comes right after the answer is sent.
  await new Promise((resolve) => setTimeout(resolve, 20));
  return { response, body, violations: [...seen] };
}

describe('telemock proxy (its own engine)', () => {
  it('forwards the request and the answer unchanged, under the upstream’s path', async () => {
    answer = (_req, res) =>
      res
        .writeHead(201, { 'content-type': 'application/json', 'x-custom': 'kept', ...RATE })
        .end(JSON.stringify(AGENT));
    const sent = JSON.stringify({ name: 'Front desk' });
    const { response, body, violations } = await through('/agents?x=1', {
      method: 'POST',
      headers: { authorization: 'Bearer t', 'content-type': 'application/json', 'idempotency-key': 'k1' },
      body: sent,
    });
    expect(received).toMatchObject([{ method: 'POST', url: '/v1/agents?x=1', body: sent }]);
    expect(received[0]?.headers).toMatchObject({ authorization: 'Bearer t', 'idempotency-key': 'k1' });
    expect([response.status, response.headers.get('x-custom'), body]).toEqual([
      201,
      'kept',
      JSON.stringify(AGENT),
    ]);
    // The request's unknown query parameter is the client's violation (the answer is judged below).
    const requests = violations.filter((v) => v.side === 'request');
    expect(requests.map((v) => v.message)).toEqual(['/query/x is not a known parameter']);
  });

  const broken: Array<[string, { answer: (res: ServerResponse) => void; want: Array<[string, RegExp]> }]> = [
    [
      'a field of the wrong type',
      {
        answer: (res) =>
          res
            .writeHead(200, { 'content-type': 'application/json', ...RATE })
            .end(JSON.stringify({ ...AGENT, name: 7 })),
        want: [['schema', /\/body\/name must be string/]],
      },
    ],
    [
      'an undocumented status',
      {
        answer: (res) => res.writeHead(418, { 'content-type': 'application/json', ...RATE }).end('{}'),
        want: [['status-documented', /418 is not documented/]],
      },
    ],
    [
      'a 500',
      {
        answer: (res) =>
          res.writeHead(500, { 'content-type': 'application/problem+json', ...RATE }).end(
            JSON.stringify({
              type: 'about:blank',
              title: 'Oops',
              status: 500,
              detail: 'x',
              code: 'internal_error',
              requestId: 'req_1',
            }),
          ),
        want: [['no-5xx', /answered 500/]],
      },
    ],
    [
      'no rate-limit headers',
      {
        answer: (res) =>
          res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(AGENT)),
        want: [['headers', /x-ratelimit-limit/i]],
      },
    ],
  ];
  for (const [name, { answer: respond, want }] of broken) {
    it(`reports ${name} as the upstream's violation, and still forwards it`, async () => {
      answer = (_req, res) => respond(res);
      const { response, violations } = await through('/agents/agt_0000000000000001', {
        headers: { authorization: 'Bearer t' },
      });
      expect(received).toHaveLength(1);
      expect(response.status).toBeGreaterThan(0);
      const responses = violations.filter((v) => v.side === 'response');
      for (const [check, message] of want)
        expect(responses.find((v) => v.check === check)?.message, JSON.stringify(responses)).toMatch(message);
    });
  }

  it('reports a path the spec does not have as the client’s violation', async () => {
    answer = (_req, res) => res.writeHead(404).end();
    const { violations } = await through('/nowhere');
    expect(violations).toEqual([
      {
        side: 'request',
        method: 'GET',
        path: '/nowhere',
        status: 404,
        check: 'request',
        message: 'no operation of the spec has this path',
      },
    ]);
  });

  it('leaves a browser’s CORS preflight unjudged, but not any other OPTIONS', async () => {
    answer = (_req, res) =>
      res.writeHead(204, { 'access-control-allow-origin': 'http://localhost:5173' }).end();
    const preflight = { origin: 'http://localhost:5173', 'access-control-request-method': 'POST' };
    const judged = await through('/calls', { method: 'OPTIONS', headers: preflight });
    expect([judged.response.status, judged.violations]).toEqual([204, []]);
    const plain = await through('/calls', { method: 'OPTIONS' });
    expect(plain.violations.map((v) => v.message)).toEqual([
      'the spec documents only GET, POST on this path',
    ]);
  });

  it('answers 502 and reports an upstream that cannot be reached', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise((resolve) => closed.close(resolve));
    const lost = await startValidatingProxy({ upstream: `http://127.0.0.1:${port}`, port: 0 });
    try {
      const response = await fetch(`${lost.url}/agents`, { headers: { authorization: 'Bearer t' } });
      expect(response.status).toBe(502);
      expect(lost.violations.map((v) => [v.side, v.check])).toEqual([['response', 'upstream']]);
    } finally {
      await lost.close();
    }
  });
});
