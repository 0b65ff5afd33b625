import type { operations } from '../../spec/generated/admin-api.js';
import type { Journal, JournalEntry } from './journal.js';

/** The journal's filters (`GET /__mock/journal`), as the admin spec gives them. */
export type JournalFilter = NonNullable<operations['listJournal']['parameters']['query']>;
type JournalAnswer = operations['listJournal']['responses'][200]['content']['application/json'];

// A request is about a call when the call's id is a segment of its path, or it created the call.
function isAbout(entry: JournalEntry, callId: string): boolean {
  const path = entry.path.split('?')[0] ?? '';
  if (path.split('/').includes(callId)) return true;
  const body = entry.response.body as { id?: unknown } | null;
  return (
    entry.operationId === 'createCall' && body !== null && typeof body === 'object' && body.id === callId
  );
}

/**
 * The journal's entries that match every filter given, newest first, and how many matched
 * (before `limit`): request verification, "was respondToCall called for this call, and how often".
 */
export function queryJournal(journal: Journal, filter: JournalFilter = {}): JournalAnswer {
  const since = filter.since === undefined ? Number.NEGATIVE_INFINITY : Date.parse(filter.since);
  const until = filter.until === undefined ? Number.POSITIVE_INFINITY : Date.parse(filter.until);
  const all = journal.list({
    limit: Number.MAX_SAFE_INTEGER,
    ...(filter.userId !== undefined ? { userId: filter.userId } : {}),
    ...(filter.operationId !== undefined ? { operationId: filter.operationId } : {}),
  });
  const matching = all.filter((entry) => {
    if (filter.status !== undefined && entry.status !== filter.status) return false;
    const at = Date.parse(entry.at);
    if (at < since || at > until) return false;
    return filter.callId === undefined || isAbout(entry, filter.callId);
  });
  return { entries: matching.slice(0, filter.limit ?? 100), count: matching.length };
}
