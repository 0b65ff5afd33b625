import type { JournalRecord } from '../../mock/stores/journal.js';

/** What the pipeline would record of a GET /calls by demo answered 200 at once, but for `fields`. */
export function journalRecord(id: string, fields: Partial<JournalRecord> = {}): JournalRecord {
  return {
    id,
    at: '2026-01-01T00:00:00.000Z',
    method: 'GET',
    path: '/calls',
    operationId: 'listCalls',
    userId: 'demo',
    status: 200,
    latencyMs: 1,
    requestHeaders: {},
    requestBody: undefined,
    responseHeaders: {},
    responseBody: undefined,
    ...fields,
  };
}
