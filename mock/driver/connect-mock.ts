import { httpCall } from './http-call.js';
import { createDriver, type MockDriver } from './mock-driver.js';

/** A mock in another process (`telemock serve`, a container, CI's service), steered over HTTP. */
export interface ConnectedMock extends MockDriver {
  url: string;
  adminToken: string | undefined;
}

/**
 * The test driver for a mock running elsewhere: `const mock = await connectMock('http://127.0.0.1:4010')`,
 * then the same calls as on `startMock()`'s handle. `adminToken` when the mock is not on 127.0.0.1.
 * Reads the mock's clock once, so a wrong URL or token fails here, saying why.
 */
export async function connectMock(
  url: string,
  options: { adminToken?: string } = {},
): Promise<ConnectedMock> {
  const base = url.replace(/\/$/, '');
  const call = httpCall(base, options.adminToken);
  try {
    await call('getClock');
  } catch (error) {
    const why =
      error instanceof Error
        ? error.cause instanceof Error
          ? error.cause.message
          : error.message
        : String(error);
    throw new Error(`connectMock: no telemock admin API at ${base}: ${why}`, { cause: error });
  }
  return { url: base, adminToken: options.adminToken, ...createDriver(call) };
}
