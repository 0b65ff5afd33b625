import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import type { Logger } from 'pino';
import { createCore } from './core.js';
import type { Telephony, TelephonyOptions } from './domain/telephony.js';
import { createExpressApp } from './http/express-app.js';
import { loadMockSpecs } from './spec-files.js';
import { isOwnAdminUrl } from './webhooks/own-admin-url.js';

export { ADMIN_SPEC_PATH } from './spec-files.js';

export interface MockOptions extends TelephonyOptions {
  /** 0 picks a free port. Default 4010. */
  port?: number;
  /** Default 127.0.0.1. On any other host the admin API needs `adminToken`. */
  host?: string;
  adminToken?: string;
  /** A pino logger, or false for silence (the default when started from code). */
  logger?: Logger | false;
  /** Requests kept in the journal. */
  journalSize?: number;
}

/** A running mock: its URL, its domain (for tests that steer it from code) and how to stop it. */
export interface RunningMock {
  url: string;
  port: number;
  telephony: Telephony;
  /** The admin token in force, when the mock is not on loopback. */
  adminToken: string | undefined;
  close(): Promise<void>;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

/** The core (see core.ts) over the specs read from the package's files, with their text for the Express app to serve. */
export async function createMockCore(
  options: MockOptions & { isForbiddenWebhookUrl?: (url: URL) => boolean } = {},
) {
  const { api, admin, files } = await loadMockSpecs();
  return { ...createCore({ ...options, specs: { api, admin } }), files };
}

/** Starts the Express mock: `const mock = await startMock({ port: 0 })`, then `mock.url`, `mock.close()`. */
export async function startMock(options: MockOptions = {}): Promise<RunningMock> {
  const host = options.host ?? '127.0.0.1';
  const adminToken =
    options.adminToken ?? (LOOPBACK.has(host) ? undefined : randomBytes(18).toString('base64url'));
  let base = '';
  const core = await createMockCore({
    ...options,
    adminToken,
    isForbiddenWebhookUrl: (url) => base !== '' && isOwnAdminUrl(url, new URL(base)),
  });
  const app = createExpressApp({
    pipeline: core.pipeline,
    maxBodyBytes: core.spec.maxBodyBytes,
    spec: core.spec.document,
    specFiles: core.files,
    // The inspector's module (and yaml, esbuild) is loaded on the first visit of /__mock/ui.
    uiAssets: () => import('./inspector/assets.js').then((m) => m.inspectorAssets()),
  });
  const server = app.listen(options.port ?? 4010, host);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  base = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;
  // Compile request validators now, one operation per turn, so requests arriving meanwhile aren't held up.
  const warmUps = [core.validators, core.adminValidators].flatMap((v) =>
    [...v.spec.operations.keys()].map((id) => () => v.warmUp([id])),
  );
  const warmNext = () => {
    warmUps.shift()?.();
    if (warmUps.length > 0) setImmediate(warmNext).unref();
  };
  setImmediate(warmNext).unref();
  return {
    url: base,
    port,
    telephony: core.telephony,
    adminToken,
    close: async () => {
      core.telephony.clock.clear();
      await core.webhooks.stop();
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      // A request the mock holds on purpose (Prefer: delay, a timeout fault) would keep it open for
      // up to two minutes: let what is in flight finish for a moment, then drop the rest.
      const grace = setTimeout(() => server.closeAllConnections(), 250);
      await closed;
      clearTimeout(grace);
    },
  };
}
