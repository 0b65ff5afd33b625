import type { components, operations } from '../../../spec/generated/admin-api.js';
import { pageOfList } from '../../domain/paging.js';
import type { Telephony } from '../../domain/telephony.js';
import type { CountedPage } from '../../domain/types.js';
import type { CallTimelines } from './call-timelines.js';

type Query = NonNullable<operations['listAllCalls']['parameters']['query']>;
type InspectedCall = components['schemas']['InspectedCall'];

const DEFAULT_LIMIT = 50;

/**
 * Every user's calls (or one user's), newest first, a page at a time. Only the page is built
 * and decorated, so a store of 10,000 calls costs the poller a sort of references, not 10,000
 * built calls.
 */
export function listAllCalls(
  telephony: Telephony,
  timelines: CallTimelines,
  query: Query,
): CountedPage<InspectedCall> {
  const owned = telephony.callsAcrossUsers({ userId: query.userId, status: query.status });
  // The sort is stable, so each user's own order stays among calls made at the same instant.
  owned.sort((a, b) => b.createdAtMs - a.createdAtMs);
  const page = pageOfList(owned, ({ userId, id }) => `${userId}/${id}`, {
    limit: query.limit ?? DEFAULT_LIMIT,
    cursor: query.cursor,
  });
  return {
    ...page,
    data: page.data.map((seen) => {
      const { userId } = seen;
      const call = seen.view();
      const agent = telephony.agents.find(userId, call.agentId);
      return structuredClone({
        userId,
        agentName: agent?.name ?? null,
        timeline: timelines.of(userId, call),
        call,
      });
    }),
  };
}
