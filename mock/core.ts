import type { Logger } from 'pino';
import type { Spec } from '../src/spec-document.js';
import { SpecValidators } from '../src/validators.js';
import { adminOperations } from './api/admin-operations.js';
import { FaultBoard } from './api/faults.js';
import { IdempotencyStore } from './api/idempotency.js';
import { Journal } from './api/journal.js';
import { createPipeline, type Pipeline } from './api/pipeline.js';
import { telephonyOperations } from './api/telephony-operations.js';
import { Telephony, type TelephonyOptions } from './domain/telephony.js';
import { inspectorOperations } from './inspector/operations.js';
import { WebhookDispatcher } from './webhooks/dispatcher.js';

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
  /** Bytes the journal holds in all (bodies cut at 10 KiB each); 8 MiB by default. */
  journalBytes?: number | undefined;
  isForbiddenWebhookUrl?: ((url: URL) => boolean) | undefined;
}

/**
 * The pipeline and the pieces around one Telephony, with no server and no file or Node-only
 * import: what the Express and MSW adapters share, in Node and in a browser alike.
 */
export function createCore(options: CoreOptions) {
  const { api, admin } = options.specs;
  const telephony = new Telephony(options);
  // A timer that throws is a bug in telemock: said out loud, never allowed to stop the process.
  const logger = options.logger || undefined;
  telephony.clock.onTimerFailure = ({ what, at, error }) => {
    if (logger) logger.error({ err: error, timer: what, at: new Date(at).toISOString() }, 'timer failed');
    else console.error(`telemock: ${what} failed at ${new Date(at).toISOString()}:`, error);
  };
  const replySchema = api.document.components.schemas.TextWebhookReply;
  if (!replySchema) throw new Error('openapi.yaml has no TextWebhookReply schema');
  const webhooks = new WebhookDispatcher({
    telephony,
    replySchema,
    ...(options.isForbiddenWebhookUrl ? { isForbiddenTarget: options.isForbiddenWebhookUrl } : {}),
  });
  webhooks.start();
  const validators = new SpecValidators(api);
  const adminValidators = new SpecValidators(admin);
  const journal = new Journal(options.journalSize, options.journalBytes);
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
    logger,
  });
  return { telephony, webhooks, validators, adminValidators, pipeline, spec: api };
}
