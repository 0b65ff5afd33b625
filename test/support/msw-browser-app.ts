// Runs in Chromium, bundled by test/msw-browser.test.ts: the MSW handlers behind a service worker,
// driven through the page's own fetch, the results written into the page for the test to read.
import { setupWorker } from 'msw/browser';
import { createHandlers } from '../../exports/msw-browser.js';

/** What the page saw, step by step; the test asserts on it. */
export interface BrowserRun {
  agentStatus: number;
  callStatus: number;
  afterFour: { status?: string };
  afterNine: { status?: string; endedReason?: string | null };
  noToken: { status: number; wwwAuthenticate: string | null };
  invalidBody: { status: number; contentType: string | null; type?: string };
}

const BASE = 'https://api.telephony.test';

async function run(): Promise<BrowserRun> {
  const mock = await createHandlers({ baseUrl: BASE, seed: 11 });
  await setupWorker(...mock.handlers).start({ quiet: true, onUnhandledRequest: 'bypass' });
  const call = (method: string, path: string, body?: unknown, token: string | null = 'demo-token') =>
    fetch(`${BASE}${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });

  const agent = await call('POST', '/agents', { name: 'Ada in the browser' });
  const { id: agentId } = (await agent.json()) as { id: string };
  // +15005550015: answered, then the callee hangs up 5 s later.
  const created = await call('POST', '/calls', { to: '+15005550015', agentId });
  const { id: callId } = (await created.json()) as { id: string };
  mock.advance(4);
  const afterFour = (await (await call('GET', `/calls/${callId}`)).json()) as BrowserRun['afterFour'];
  mock.advance(5);
  const afterNine = (await (await call('GET', `/calls/${callId}`)).json()) as BrowserRun['afterNine'];
  const noToken = await call('GET', '/calls', undefined, null);
  const invalid = await call('POST', '/calls', { to: 'not a number' });
  return {
    agentStatus: agent.status,
    callStatus: created.status,
    afterFour,
    afterNine,
    noToken: { status: noToken.status, wwwAuthenticate: noToken.headers.get('www-authenticate') },
    invalidBody: {
      status: invalid.status,
      contentType: invalid.headers.get('content-type'),
      ...((await invalid.json()) as { type?: string }),
    },
  };
}

const out = document.getElementById('results') as HTMLElement;
run().then(
  (results) => {
    out.textContent = JSON.stringify(results);
    out.dataset.state = 'done';
  },
  (error: unknown) => {
    out.textContent =
      error instanceof Error ? `${error.name}: ${error.message}\n${error.stack}` : String(error);
    out.dataset.state = 'failed';
  },
);
