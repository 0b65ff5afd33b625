import type { Logger } from 'pino';
import type { Spec } from '../spec/spec-document.js';
import { SpecValidators } from '../spec/validators.js';
import { DomainError } from './domain/errors.js';
import { Telephony, type TelephonyOptions } from './domain/telephony.js';
import { adminOperations } from './operations/admin-operations.js';
import { campaignOperations, loadPopulations } from './operations/campaign-operations.js';
import { inspectorOperations } from './operations/inspector/inspector-operations.js';
import { loadScenarios, scenarioOperations } from './operations/scenario-operations.js';
import { telephonyOperations } from './operations/telephony-operations.js';
import { createPipeline, type Pipeline } from './pipeline/pipeline.js';
import { type CorsOrigins, type HostPolicy, requestIdSequence } from './pipeline/request-policy.js';
import type { AdminHandlers } from './pipeline/types.js';
import { FaultBoard } from './stores/faults.js';
import { IdempotencyStore } from './stores/idempotency.js';
import { Journal } from './stores/journal.js';
import { WebhookDispatcher } from './webhooks/dispatcher.js';
import { ScenarioBrain } from './webhooks/scenario-brain.js';
import { WebhookTargetRule } from './webhooks/webhook-target.js';

/** The API and admin specs, loaded and dereferenced. */
export interface MockSpecs {
  api: Spec;
  admin: Spec;
}

/** What the core needs beyond the domain's own options; no port, no host: the core serves nothing. */
export interface CoreOptions extends TelephonyOptions {
  specs: MockSpecs;
  adminToken?: string | undefined;
  logger?: Logger | false | undefined;
  journalSize?: number | undefined;
  /** Scenarios to define at start, checked against the admin spec's schema: all load, or the core is not made. */
  scenarios?: readonly unknown[] | undefined;
  /** Populations to define at start (after the scenarios), checked the same way. */
  populations?: readonly unknown[] | undefined;
  /** Origins beside the loopback ones whose pages may call the telephony API, or `*`. */
  corsOrigins?: CorsOrigins | undefined;
  /** The `Host` check of the telephony API; the Express server sets it, MSW (in-process) has no Host. */
  hostPolicy?: HostPolicy | undefined;
  /** Where webhooks may go; the Express server's rule knows its own address, MSW's refuses only non-http(s). */
  webhookTargets?: WebhookTargetRule | undefined;
  /** Bytes the journal holds in all (bodies cut at 10 KiB each); 8 MiB by default. */
  journalBytes?: number | undefined;
}

// The start-up settings (config `webhookDelivery`, `--webhook-chaos`) get the PUT's schema check.
function checkWebhookDelivery(validators: SpecValidators, settings: unknown): void {
  if (settings === undefined) return;
  const errors = validators.validateSchema('WebhookDeliverySettings', settings);
  if (errors.length === 0) return;
  const list = errors.map((e) => `${e.path || '/'} ${e.message}`).join('; ');
  throw new DomainError('invalid', 'invalid_webhook_delivery', `webhookDelivery: ${list}.`, errors[0]?.path);
}

/**
 * The pipeline and the pieces around one Telephony, with no server and no file or Node-only
 * import: what the Express and MSW adapters share, in Node and in a browser alike.
 */
export function createCore(options: CoreOptions) {
  const { api, admin } = options.specs;
  const adminValidators = new SpecValidators(admin);
  checkWebhookDelivery(adminValidators, options.webhookDelivery);
  const telephony = new Telephony(options);
  // A timer that throws is a bug in telemock: said out loud, never allowed to stop the process.
  const logger = options.logger || undefined;
  telephony.clock.onTimerFailure = ({ what, at, error }) => {
    if (logger) logger.error({ err: error, timer: what, at: new Date(at).toISOString() }, 'timer failed');
    else console.error(`telemock: ${what} failed at ${new Date(at).toISOString()}:`, error);
  };
  if (options.scenarios) loadScenarios(telephony, adminValidators, options.scenarios);
  if (options.populations) loadPopulations(telephony, adminValidators, options.populations);
  const replySchema = api.document.components.schemas.TextWebhookReply;
  if (!replySchema) throw new Error('openapi.yaml has no TextWebhookReply schema');
  const webhookTargets = options.webhookTargets ?? new WebhookTargetRule();
  const webhooks = new WebhookDispatcher({ telephony, replySchema, targets: webhookTargets });
  webhooks.start();
  const brain = new ScenarioBrain(telephony, webhookTargets);
  brain.start();
  const validators = new SpecValidators(api);
  const journal = new Journal(options.journalSize, options.journalBytes);
  const faults = new FaultBoard();
  const idempotency = new IdempotencyStore(telephony.clock);
  const adminHandlers: AdminHandlers = {
    ...adminOperations({ telephony, validators, journal, faults, idempotency, webhooks }),
    ...inspectorOperations({ telephony }),
    ...scenarioOperations({ telephony, journal }),
    ...campaignOperations({ telephony }),
  };
  const nextRequestId = requestIdSequence();
  const pipeline: Pipeline = createPipeline({
    telephony,
    validators,
    adminValidators,
    handlers: telephonyOperations(telephony, { webhookTargets }),
    adminHandlers,
    nextRequestId,
    journal,
    faults,
    idempotency,
    adminToken: options.adminToken,
    corsOrigins: options.corsOrigins,
    hostPolicy: options.hostPolicy,
    logger,
  });
  return {
    telephony,
    webhooks,
    brain,
    validators,
    adminValidators,
    pipeline,
    spec: api,
    // The test driver calls the admin operations directly (mock/driver/in-process-driver.ts).
    adminHandlers,
    nextRequestId,
    logger,
  };
}
