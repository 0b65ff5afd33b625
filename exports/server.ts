import { randomBytes } from 'node:crypto';
import { lookup } from 'node:dns/promises';
import type { AddressInfo } from 'node:net';
import { networkInterfaces } from 'node:os';
import type { Logger } from 'pino';
import { createExpressApp } from '../mock/adapters/express/express-app.js';
import { createHttpServer, type HttpTimeouts } from '../mock/adapters/express/http-server.js';
import { type CoreOptions, createCore } from '../mock/core.js';
import { DEFAULT_HOST, DEFAULT_PORT } from '../mock/defaults.js';
import type { Telephony, TelephonyOptions } from '../mock/domain/telephony.js';
import { inProcessDriver } from '../mock/driver/in-process-driver.js';
import type { MockDriver, Population, Scenario } from '../mock/driver/mock-driver.js';
import { loadMockSpecs } from '../mock/files/spec-files.js';
import { StateFile } from '../mock/files/state-file.js';
import type { Pipeline } from '../mock/pipeline/pipeline.js';
import { type CorsOrigins, isRead } from '../mock/pipeline/request-policy.js';
import { WebhookTargetRule } from '../mock/webhooks/webhook-target.js';

export type { ActingUser } from '../mock/driver/admin-call.js';
export { MockAdminError } from '../mock/driver/admin-call.js';
export { type ConnectedMock, connectMock } from '../mock/driver/connect-mock.js';
export type {
  Call,
  CampaignReport,
  Clock,
  Delivery,
  DeliverySettings,
  Fault,
  FaultRequest,
  InboundText,
  JournalEntry,
  JournalFilter,
  MockDriver,
  Population,
  Scenario,
  ScenarioRun,
  ScenarioRunStatus,
  StateSnapshot,
  Text,
  TimeScale,
} from '../mock/driver/mock-driver.js';
export type { CallReaches, RunUntil, RunUntilOptions, ScenarioRunEnds } from '../mock/driver/run-until.js';
/** @deprecated The controls are the test driver now: {@link MockDriver}. */
export type AdminControls = MockDriver;
export { readCampaignFile, readScenarioFile } from '../mock/files/scenario-files.js';
export { ADMIN_SPEC_PATH } from '../mock/files/spec-files.js';

export interface MockOptions extends TelephonyOptions {
  /** 0 picks a free port. Default {@link DEFAULT_PORT} (4010). */
  port?: number;
  /** Default 127.0.0.1. On any other host the admin API needs `adminToken`. */
  host?: string;
  adminToken?: string;
  /** A pino logger, or false for silence (the default when started from code). */
  logger?: Logger | false;
  /** Requests kept in the journal. */
  journalSize?: number;
  /** Scenarios to define at start (checked against the admin spec; a bad one stops the start). */
  scenarios?: readonly Scenario[];
  /** Populations to define at start, after the scenarios (checked against the admin spec; a bad one stops the start). */
  populations?: readonly Population[];
  /** More `Host` names the mock answers besides loopback and `host` (`--allowed-host`). */
  allowedHosts?: string[];
  /** Origins beside the loopback ones whose pages may call the telephony API, or `*` (`--cors-origin`). */
  corsOrigins?: CorsOrigins;
  /** Keep the state in this file across restarts (`--state-file`); a file that cannot be loaded stops start-up. */
  stateFile?: string;
  /** Bytes the journal holds in all; 8 MiB by default. */
  journalBytes?: number;
  /** How long a client may take to send headers (10 s) and a whole request (30 s). */
  httpTimeouts?: HttpTimeouts;
}

/** A running mock: its URL, the test driver, its domain (for tests that steer it from code) and how to stop it. */
export interface RunningMock extends MockDriver {
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
  options: MockOptions & Pick<CoreOptions, 'webhookTargets' | 'hostPolicy'> = {},
) {
  const { api, admin, files } = await loadMockSpecs();
  return { ...createCore({ ...options, specs: { api, admin } }), files };
}

// The state file over the core: exported from the domain, imported through PUT /__mock/state itself.
function persist(
  core: MockCore,
  path: string,
  adminToken: string | undefined,
  logger: Logger | false | undefined,
) {
  const file = new StateFile({
    path,
    snapshot: () => core.telephony.snapshot(),
    importState: (body) =>
      core.pipeline({
        method: 'PUT',
        path: '/__mock/state',
        search: '',
        headers: {
          'content-type': 'application/json',
          ...(adminToken ? { 'x-admin-token': adminToken } : {}),
        },
        body,
      }),
    logger: logger || undefined,
  });
  // What moves on the clock (calls progressing, texts delivered) changes the state as requests do.
  core.telephony.onEvent(() => file.changed());
  return file;
}

// Every request that may have changed something (any method but a read) schedules a write.
function noteChanges(pipeline: Pipeline, file: StateFile): Pipeline {
  return async (request) => {
    const response = await pipeline(request);
    if (!isRead(request.method) && response.status < 400) file.changed();
    return response;
  };
}

type MockCore = Awaited<ReturnType<typeof createMockCore>>;

/** Starts the Express mock: `const mock = await startMock({ port: 0 })`, then `mock.url`, `mock.close()`. */
export async function startMock(options: MockOptions = {}): Promise<RunningMock> {
  const host = options.host ?? DEFAULT_HOST;
  const adminToken =
    options.adminToken ?? (LOOPBACK.has(host) ? undefined : randomBytes(18).toString('base64url'));
  let base = '';
  const hostPolicy = { boundHost: host, allowedHosts: options.allowedHosts ?? [] };
  const core = await createMockCore({
    ...options,
    adminToken,
    hostPolicy,
    webhookTargets: new WebhookTargetRule({
      self: () => (base === '' ? undefined : new URL(base)),
      resolve: async (name) => (await lookup(name, { all: true })).map((a) => a.address),
      localAddresses: () =>
        Object.values(networkInterfaces()).flatMap((list) => (list ?? []).map((i) => i.address)),
    }),
  });
  const stateFile = options.stateFile
    ? persist(core, options.stateFile, adminToken, options.logger)
    : undefined;
  try {
    await stateFile?.load();
  } catch (error) {
    core.telephony.clock.clear();
    await core.webhooks.stop();
    throw error;
  }
  const app = createExpressApp({
    pipeline: stateFile ? noteChanges(core.pipeline, stateFile) : core.pipeline,
    hostPolicy,
    maxBodyBytes: core.spec.maxBodyBytes,
    spec: core.spec.document,
    specFiles: core.files,
    // The inspector's module (and yaml, esbuild) is loaded on the first visit of /__mock/ui.
    uiAssets: () => import('../mock/inspector/assets.js').then((m) => m.inspectorAssets()),
  });
  const server = createHttpServer(app, options.httpTimeouts).listen(options.port ?? DEFAULT_PORT, host);
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
    ...inProcessDriver(core, stateFile ? () => stateFile.changed() : undefined),
    close: async () => {
      core.telephony.clock.clear();
      await Promise.all([core.webhooks.stop(), core.brain.stop()]);
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      // A request the mock holds on purpose (Prefer: delay, a timeout fault) would keep it open for
      // up to two minutes: let what is in flight finish for a moment, then drop the rest.
      const grace = setTimeout(() => server.closeAllConnections(), 250);
      await closed;
      clearTimeout(grace);
      await stateFile?.flush();
    },
  };
}
