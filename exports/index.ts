export { type ClientOptions, createTelephonyClient, type TelephonyClient } from '../client/client.js';
export {
  signWebhook,
  verifyWebhook,
  type WebhookEvent,
  type WebhookHeaders,
  WebhookVerificationError,
} from '../client/webhooks.js';
export type { components, operations, paths, webhooks } from '../spec/generated/api.js';
export { loadSpec, SPEC_PATH, type Spec, type SpecOperation } from '../spec/spec.js';
export { type FieldError, SpecValidators } from '../spec/validators.js';
