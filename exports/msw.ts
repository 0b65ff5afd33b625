import { handlersOver, type MswOptions, type TelemockMsw } from '../mock/adapters/msw/handlers-over.js';
import type { MockSpecs } from '../mock/core.js';
import { ADMIN_SPEC_PATH, usePackageValidators } from '../mock/files/spec-files.js';
import { loadSpecFromDocuments } from '../spec/load-spec-from-documents.js';
import { loadSpecSync, SPEC_PATH } from '../spec/spec.js';

export type { MswOptions, TelemockMsw } from '../mock/adapters/msw/handlers-over.js';
export { MockAdminError } from '../mock/driver/admin-call.js';
export type {
  CampaignReport,
  MockDriver,
  Population,
  Scenario,
  ScenarioRun,
} from '../mock/driver/mock-driver.js';

let packageSpecs: MockSpecs | undefined;

/** The package's specs, read once per process. */
function loadPackageSpecs(): MockSpecs {
  usePackageValidators();
  packageSpecs ??= { api: loadSpecSync(SPEC_PATH), admin: loadSpecSync(ADMIN_SPEC_PATH) };
  return packageSpecs;
}

/**
 * The mock as MSW 2 handlers, over the same domain and pipeline as the Express server: same auth,
 * rate limits, validation, lifecycle, magic numbers, faults and errors. Synchronous, so a setup
 * module can export the handlers at its top level (no top-level await: CommonJS and Jest have
 * none); `await createHandlers()` still works. For the browser (`setupWorker`), import it from
 * `telemock/msw/browser`, which reads no files.
 *
 * ```ts
 * const mock = createHandlers({ baseUrl: 'https://api.example.com' });
 * const server = setupServer(...mock.handlers);
 * ```
 */
export function createHandlers(options: MswOptions = {}): TelemockMsw {
  const specs = options.documents
    ? loadSpecFromDocuments(options.documents.api, options.documents.admin)
    : loadPackageSpecs();
  return handlersOver(specs, options);
}
