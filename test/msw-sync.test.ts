import { createRequire } from 'node:module';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHandlers, type TelemockMsw } from '../exports/msw.js';
import { pickDriver } from '../mock/driver/mock-driver.js';
import type { MockApi } from './support/mock-api.js';
import { testMockOver } from './support/mock-api.js';

// The usual MSW setup — `export const handlers = …` at the top of a module, `setupServer(...handlers)`
// — with no top-level await, as in CommonJS and Jest: once from the ES module sources, once
// through `require('telemock/msw')`, which the package's exports send to its CommonJS build.

const BASE = 'http://telemock.sync.test';

// At the top level, without await.
const handle = createHandlers({ baseUrl: BASE, seed: 3 });

/** Serves a handle with the given `setupServer` and gives the checked client over it. */
async function serve(mock: TelemockMsw, setup: typeof setupServer) {
  const server = setup(...mock.handlers);
  server.listen({ onUnhandledRequest: 'error' });
  const api = await testMockOver({
    url: BASE,
    port: 0,
    telephony: mock.telephony,
    adminToken: undefined,
    ...pickDriver(mock),
    close: async () => {
      mock.telephony.clock.clear();
      server.close();
    },
  });
  return api;
}

/** One agent, one call, answered when the handle moves the clock: what a test of the user's app does. */
async function callAnsweredAfterAdvance(api: MockApi, mock: TelemockMsw) {
  const call = await api.call();
  mock.advance(4);
  const read = await api.get(`/calls/${call.id}`);
  return [call.status, read.body.status, mock.telephony.calls.get('demo', call.id)?.status];
}

describe('createHandlers from the ES module sources', () => {
  let api: MockApi;
  beforeAll(async () => {
    api = await serve(handle, setupServer);
  });
  afterAll(() => api.mock.close());

  it('returns the handle itself, not a promise', () => {
    expect(handle).not.toBeInstanceOf(Promise);
    expect(handle.handlers).toHaveLength(1);
  });

  it('the handle steers what the handlers serve', async () => {
    expect(await callAnsweredAfterAdvance(api, handle)).toEqual(['queued', 'in-progress', 'in-progress']);
  });
});

describe('require("telemock/msw"): the CommonJS build', () => {
  const require = createRequire(import.meta.url);
  let api: MockApi;
  let mock: TelemockMsw;
  beforeAll(async () => {
    const cjs = require('telemock/msw') as { createHandlers: typeof createHandlers };
    expect(require.resolve('telemock/msw')).toMatch(/dist\/cjs\/msw\.cjs$/);
    mock = cjs.createHandlers({ baseUrl: BASE, seed: 3 });
    // msw's own CommonJS build, as a CommonJS setup file requires it: one MSW for handlers and server.
    api = await serve(mock, (require('msw/node') as { setupServer: typeof setupServer }).setupServer);
  });
  afterAll(() => api.mock.close());

  it('is synchronous too, and serves the same mock', async () => {
    expect(mock).not.toBeInstanceOf(Promise);
    expect(await callAnsweredAfterAdvance(api, mock)).toEqual(['queued', 'in-progress', 'in-progress']);
    const refused = await api.post('/agents', { name: 'No' }, { token: 'demo-token-readonly' });
    expect([refused.status, refused.body.code]).toEqual([403, 'read_only_token']);
  });
});
