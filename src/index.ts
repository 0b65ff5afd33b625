export type { components, operations, paths, webhooks } from './api.js';
export { type ClientOptions, createTelephonyClient, type TelephonyClient } from './client.js';
export { loadSpec, SPEC_PATH, type Spec, type SpecOperation } from './spec.js';
export { type FieldError, SpecValidators } from './validators.js';
export {
  signWebhook,
  verifyWebhook,
  type WebhookEvent,
  type WebhookHeaders,
  WebhookVerificationError,
} from './webhooks.js';
