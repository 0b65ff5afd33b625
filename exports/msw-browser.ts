import { faker as english } from '@faker-js/faker/locale/en';
import { handlersOver, type MswOptions, type TelemockMsw } from '../mock/adapters/msw/handlers-over.js';

import { provideEnglish } from '../mock/domain/ids.js';

import adminCopy from '../spec/generated/admin-openapi.json' with { type: 'json' };
import apiCopy from '../spec/generated/openapi.json' with { type: 'json' };
import { loadSpecFromDocuments } from '../spec/load-spec-from-documents.js';

// A browser has no require() for faker's English data to be loaded on first use: it comes bundled.
provideEnglish(english.rawDefinitions);

export type { MswOptions, TelemockMsw } from '../mock/adapters/msw/handlers-over.js';
export { MockAdminError } from '../mock/driver/admin-call.js';
export type { MockDriver, Scenario, ScenarioRun } from '../mock/driver/mock-driver.js';

/**
 * `createHandlers` for the browser (`setupWorker`): the specs are imported as JSON (spec/generated/), which a
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
  const documents = options.documents ?? { api: apiCopy.document, admin: adminCopy.document };
  return handlersOver(loadSpecFromDocuments(documents.api, documents.admin), options);
}
