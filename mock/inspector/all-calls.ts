import type { components, operations } from '../../src/admin-api.js';
import { pageOfList } from '../domain/paging.js';
import type { Telephony } from '../domain/telephony.js';
import type { CountedPage } from '../domain/types.js';
import type { CallTimelines } from './call-timelines.js';

type Query = NonNullable<operations['listAllCalls']['parameters']['query']>;
type InspectedCall = components['schemas']['InspectedCall'];

const DEFAULT_LIMIT = 50;

/**
 * Every user's calls (or one user's), newest first, a page at a time. Only the page is copied
 * and decorated, so a store of 10,000 calls costs the poller a sort of references, not 10,000
 * serialised calls.
 */
export function listAllCalls(
  telephony: Telephony,
  timelines: CallTimelines,
  query: Query,
): CountedPage<InspectedCall> {
  const owned = telephony.callsAcrossUsers({ userId: query.userId, status: query.status });
  // ISO timestamps of one clock sort as strings; the sort is stable, so each user's own order stays.
  owned.sort((a, b) =>
    a.call.createdAt < b.call.createdAt ? 1 : a.call.createdAt > b.call.createdAt ? -1 : 0,
  );
  const page = pageOfList(owned, ({ userId, call }) => `${userId}/${call.id}`, {
    limit: query.limit ?? DEFAULT_LIMIT,
    cursor: query.cursor,
  });
  return {
    ...page,
    data: page.data.map(({ userId, call }) => {
      const agent = telephony.agents.find(userId, call.agentId);
      return structuredClone({ userId, agentName: agent?.name ?? null, timeline: timelines.of(call), call });
    }),
  };
}
