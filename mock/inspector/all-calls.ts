import type { components, operations } from '../../src/admin-api.js';
import { pageOfList } from '../domain/paging.js';
import type { CallRecord } from '../domain/spaces.js';
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
  const owned: Array<{ userId: string; record: CallRecord }> = [];
  for (const [userId, space] of telephony.userSpaces()) {
    if (query.userId !== undefined && userId !== query.userId) continue;
    const records = [...space.calls.values()].reverse();
    for (const record of records) {
      if (query.status === undefined || record.call.status === query.status) owned.push({ userId, record });
    }
  }
  // ISO timestamps of one clock sort as strings; the sort is stable, so each user's own order stays.
  owned.sort((a, b) =>
    a.record.call.createdAt < b.record.call.createdAt
      ? 1
      : a.record.call.createdAt > b.record.call.createdAt
        ? -1
        : 0,
  );
  const page = pageOfList(owned, ({ userId, record }) => `${userId}/${record.id}`, {
    limit: query.limit ?? DEFAULT_LIMIT,
    cursor: query.cursor,
  });
  return {
    ...page,
    data: page.data.map(({ userId, record }) => {
      const agent = telephony.agents.find(userId, record.call.agentId);
      return structuredClone({
        userId,
        agentName: agent?.name ?? null,
        timeline: timelines.of(record),
        call: record.call,
      });
    }),
  };
}
