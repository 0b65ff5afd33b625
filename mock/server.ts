import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import type { Logger } from 'pino';
import { loadSpec, SPEC_PATH, type Spec } from '../src/spec.js';
import { SpecValidators } from '../src/validators.js';
import { adminOperations } from './api/admin-operations.js';
import { FaultBoard } from './api/faults.js';
import { IdempotencyStore } from './api/idempotency.js';
import { Journal } from './api/journal.js';
import { createPipeline, type Pipeline } from './api/pipeline.js';
import { telephonyOperations } from './api/telephony-operations.js';
import { Telephony, type TelephonyOptions } from './domain/telephony.js';
import { createExpressApp } from './http/express-app.js';
import { inspectorAssets, inspectorOperations } from './inspector/index.js';
import { WebhookDispatcher } from './webhooks/dispatcher.js';
import { isOwnAdminUrl } from './webhooks/own-admin-url.js';

export const ADMIN_SPEC_PATH = fileURLToPath(new URL('./admin-openapi.yaml', import.meta.url));

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

let specs: Promise<{ api: Spec; admin: Spec; files: { api: string; admin: string } }> | undefined;

function loadSpecs() {
  specs ??= (async () => {
    const [api, admin, apiText, adminText] = await Promise.all([
      loadSpec(SPEC_PATH),
      loadSpec(ADMIN_SPEC_PATH),
      readFile(SPEC_PATH, 'utf8'),
      readFile(ADMIN_SPEC_PATH, 'utf8'),
    ]);
    return { api, admin, files: { api: apiText, admin: adminText } };
  })();
  return specs;
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

/** The pipeline and the pieces around one Telephony, with no server: what the Express and MSW adapters share. */
export async function createMockCore(
  options: MockOptions & { isForbiddenWebhookUrl?: (url: URL) => boolean } = {},
) {
  const { api, admin, files } = await loadSpecs();
  const telephony = new Telephony(options);
  const webhooks = new WebhookDispatcher({
    telephony,
    ...(options.isForbiddenWebhookUrl ? { isForbiddenTarget: options.isForbiddenWebhookUrl } : {}),
  });
  webhooks.start();
  const validators = new SpecValidators(api);
  const adminValidators = new SpecValidators(admin);
  const journal = new Journal(options.journalSize);
  const faults = new FaultBoard();
  const idempotency = new IdempotencyStore(telephony.clock);
  const pipeline: Pipeline = createPipeline({
    telephony,
    validators,
    adminValidators,
    handlers: telephonyOperations(telephony, { isForbiddenWebhookUrl: options.isForbiddenWebhookUrl }),
    adminHandlers: {
      ...adminOperations({ telephony, validators, journal, faults, idempotency, webhooks }),
      ...inspectorOperations({ telephony }),
    },
    journal,
    faults,
    idempotency,
    adminToken: options.adminToken,
    logger: options.logger || undefined,
  });
  return { telephony, webhooks, validators, adminValidators, pipeline, spec: api, files };
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
    uiAssets: inspectorAssets,
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
