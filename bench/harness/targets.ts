import { existsSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { RouteRequest } from './load-route.js';
import type { Peer, PeerSpec } from './peer.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

export const ROUTES = ['GET /calls/{callId}', 'POST /calls'] as const;
export type RouteName = (typeof ROUTES)[number];

/** A server to compare: how to start it and what to send it. */
export interface Target {
  name: string;
  peer(): Promise<PeerSpec>;
  /** Prepares what the routes need (an agent and a call on the stateful mock) and returns the requests. */
  requests(peer: Peer): Promise<Record<RouteName, RouteRequest>>;
}

const TOKEN = 'demo-token';
export const AUTH = { authorization: `Bearer ${TOKEN}` };
export const JSON_AUTH = { ...AUTH, 'content-type': 'application/json' };
// The ids of openapi.yaml's examples: what Prism and the bare app are asked for.
const EXAMPLE_CALL_ID = 'call_9Xk2LmQ7vB3nR8tP';
const EXAMPLE_AGENT_ID = 'agt_7Hq2LmP9xK3vB8nR';
export const TO = '+14155550123';

const requestsFor = (url: string, callId: string, agentId: string): Record<RouteName, RouteRequest> => ({
  'GET /calls/{callId}': { method: 'GET', url: `${url}/calls/${callId}`, headers: AUTH },
  'POST /calls': {
    method: 'POST',
    url: `${url}/calls`,
    headers: JSON_AUTH,
    body: JSON.stringify({ to: TO, agentId }),
  },
});

export async function create(url: string, body: unknown): Promise<string> {
  const response = await fetch(url, { method: 'POST', headers: JSON_AUTH, body: JSON.stringify(body) });
  const text = await response.text();
  if (response.status !== 201) throw new Error(`POST ${url} → ${response.status}: ${text}`);
  return (JSON.parse(text) as { id: string }).id;
}

export const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject()));
    });
  });

/** Prism's mock on openapi.yaml, on a free port, logging off. */
export async function prismPeer(): Promise<PeerSpec> {
  const port = await freePort();
  return {
    name: 'Prism',
    args: [
      'node_modules/@stoplight/prism-cli/dist/index.js',
      'mock',
      'openapi.yaml',
      '-p',
      String(port),
      '-h',
      '127.0.0.1',
      '-v',
      'silent',
    ],
    url: `http://127.0.0.1:${port}`,
    probe: `/calls/${EXAMPLE_CALL_ID}`,
    headers: AUTH,
  };
}

/** The three peers of issue 3: telemock, Prism's mock on the same spec, and a bare Express app. */
export function benchTargets(options: { profileDir?: string }): Target[] {
  const profile = options.profileDir ? ['--cpu-prof', '--cpu-prof-dir', options.profileDir] : [];
  return [
    {
      name: 'telemock',
      peer: async () => ({
        name: 'telemock',
        // The compiled dist/ when it exists (what `npm start` runs); the sources through tsx otherwise.
        args: existsSync(join(ROOT, 'dist/exports/server.js'))
          ? [...profile, 'bench/peers/mock-process.mjs']
          : [...profile, '--import', 'tsx', 'bench/peers/mock-process.mjs', '../mock/server.ts'],
        probe: '/calls',
        headers: AUTH,
      }),
      requests: async ({ url }) => {
        const agentId = await create(`${url}/agents`, { name: 'Bench' });
        const callId = await create(`${url}/calls`, { to: TO, agentId });
        return requestsFor(url, callId, agentId);
      },
    },
    {
      name: 'Prism',
      peer: prismPeer,
      requests: async ({ url }) => requestsFor(url, EXAMPLE_CALL_ID, EXAMPLE_AGENT_ID),
    },
    {
      name: 'bare Express',
      peer: async () => ({
        name: 'bare Express',
        args: ['--import', 'tsx', 'bench/peers/bare-express-process.ts'],
        probe: `/calls/${EXAMPLE_CALL_ID}`,
      }),
      requests: async ({ url }) => requestsFor(url, EXAMPLE_CALL_ID, EXAMPLE_AGENT_ID),
    },
  ];
}
