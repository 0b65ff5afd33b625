import { loadSpecFromDocuments } from '../../src/load-spec-from-documents.js';
import { loadMockSpecs } from '../spec-files.js';
import { handlersOver, type MswOptions, type TelemockMsw } from './handlers-over.js';

export type { Scenario, ScenarioRun } from '../admin-controls.js';
export type { MswOptions, TelemockMsw } from './handlers-over.js';

/**
 * The mock as MSW 2 handlers, over the same domain and pipeline as the Express server: same auth,
 * rate limits, validation, lifecycle, magic numbers, faults and errors. For the browser
 * (`setupWorker`), import it from `telemock/msw/browser`, which reads no files.
 *
 * ```ts
 * const mock = await createHandlers({ baseUrl: 'https://api.example.com' });
 * const server = setupServer(...mock.handlers);
 * ```
 */
export async function createHandlers(options: MswOptions = {}): Promise<TelemockMsw> {
  const specs = options.documents
    ? await loadSpecFromDocuments(options.documents.api, options.documents.admin)
    : await loadMockSpecs();
  return handlersOver(specs, options);
}
