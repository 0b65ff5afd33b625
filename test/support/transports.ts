import { setupServer } from 'msw/node';
import { describe } from 'vitest';
import { createHandlers } from '../../exports/msw.js';
import type { MockOptions, RunningMock } from '../../exports/server.js';
import { pickDriver } from '../../mock/driver/mock-driver.js';
import { type MockApi, startTestMock, testMockOver } from './mock-api.js';

/** The two ways the mock is served: Express on a real port, and MSW intercepting `fetch` in-process. */
export type Transport = 'express' | 'msw';
export const TRANSPORTS: readonly Transport[] = ['express', 'msw'];

/** Where the MSW handlers answer in tests (no server listens there: MSW intercepts `fetch`). */
const MSW_BASE = 'http://telemock.msw.test';

/**
 * Starts the mock on one transport with the checked client (every answer validated against the
 * specs). Same defaults on both: manual clock, seed 7. Only one MSW mock can intercept at a time.
 */
export async function startOn(transport: Transport, options: MockOptions = {}): Promise<MockApi> {
  if (transport === 'express') return startTestMock(options);
  const { port: _port, host: _host, logger: _logger, ...core } = options;
  const handle = await createHandlers({ timeScale: 'manual', seed: 7, ...core, baseUrl: MSW_BASE });
  const server = setupServer(...handle.handlers);
  server.listen({ onUnhandledRequest: 'error' });
  const mock: RunningMock = {
    url: MSW_BASE,
    port: 0,
    telephony: handle.telephony,
    adminToken: options.adminToken,
    ...pickDriver(handle),
    close: async () => {
      handle.telephony.clock.clear();
      server.close();
    },
  };
  return testMockOver(mock);
}

/**
 * h3's `describeMatrix`: the same cases once per transport, each in its own `describe` named after
 * it. `start` starts the mock on that transport.
 */
export function describeTransports(
  name: string,
  cases: (start: (options?: MockOptions) => Promise<MockApi>, transport: Transport) => void,
): void {
  for (const transport of TRANSPORTS) {
    describe(`${name} [${transport}]`, () => cases((options) => startOn(transport, options), transport));
  }
}
