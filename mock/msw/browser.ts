import { faker as english } from '@faker-js/faker/locale/en';
// @ts-expect-error The build writes openapi.json beside openapi.yaml in dist/ (scripts/copy-build-assets.mjs); the source tree has only the YAML.
import apiDocument from '../../openapi.json' with { type: 'json' };
import { loadSpecFromDocuments } from '../../src/load-spec-from-documents.js';
// @ts-expect-error As above: dist/mock/admin-openapi.json is written by the build.
import adminDocument from '../admin-openapi.json' with { type: 'json' };
import { provideEnglish } from '../domain/ids.js';
import { handlersOver, type MswOptions, type TelemockMsw } from './handlers-over.js';

// A browser has no require() for faker's English data to be loaded on first use: it comes bundled.
provideEnglish(english.rawDefinitions);

export { MockAdminError } from '../driver/admin-call.js';
export type { MockDriver, Scenario, ScenarioRun } from '../driver/mock-driver.js';
export type { MswOptions, TelemockMsw } from './handlers-over.js';

/**
 * `createHandlers` for the browser (`setupWorker`): the specs are imported as JSON, which a
 * bundler inlines, so no file is read. Same options and handle as `telemock/msw`, synchronously
 * too. (The CommonJS build of `telemock/msw`, for Jest, is this entry bundled.)
 *
 * ```ts
 * import { setupWorker } from 'msw/browser';
 * import { createHandlers } from 'telemock/msw/browser';
 * const mock = createHandlers({ baseUrl: 'https://api.example.com' });
 * await setupWorker(...mock.handlers).start();
 * ```
 */
export function createHandlers(options: MswOptions = {}): TelemockMsw {
  const documents = options.documents ?? { api: apiDocument as object, admin: adminDocument as object };
  return handlersOver(loadSpecFromDocuments(documents.api, documents.admin), options);
}
