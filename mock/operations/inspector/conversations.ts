import type { components, operations } from '../../../spec/generated/admin-api.js';
import { pageOfList } from '../../domain/paging.js';
import type { Telephony } from '../../domain/telephony.js';
import type { CountedPage, Text } from '../../domain/types.js';

type Query = NonNullable<operations['listConversations']['parameters']['query']>;
type Conversation = components['schemas']['Conversation'];

const DEFAULT_LIMIT = 20;
/** Texts shown per conversation: the latest ones. */
export const TEXTS_PER_CONVERSATION = 50;

/** The other party of a text: who sent it to the user, or whom the user sent it to. */
const counterpart = (text: Text) => (text.direction === 'inbound' ? text.from : text.to);

/** Every user's texts grouped by the other party's number, the most recently active conversation first. */
export function listConversations(telephony: Telephony, query: Query): CountedPage<Conversation> {
  const conversations: Array<{ userId: string; number: string; texts: Text[] }> = [];
  for (const { userId, texts: all } of telephony.textsAcrossUsers({ userId: query.userId })) {
    const byNumber = new Map<string, Text[]>();
    for (const text of all) {
      const number = counterpart(text);
      if (query.number !== undefined && number !== query.number) continue;
      const texts = byNumber.get(number);
      if (texts) texts.push(text);
      else byNumber.set(number, [text]);
    }
    for (const [number, texts] of byNumber) conversations.push({ userId, number, texts });
  }
  const lastAt = (c: { texts: Text[] }) => c.texts[c.texts.length - 1]?.createdAt ?? '';
  conversations.sort((a, b) => (lastAt(a) < lastAt(b) ? 1 : lastAt(a) > lastAt(b) ? -1 : 0));
  const page = pageOfList(conversations, (c) => `${c.userId}/${c.number}`, {
    limit: query.limit ?? DEFAULT_LIMIT,
    cursor: query.cursor,
  });
  return {
    ...page,
    data: page.data.map((c) => ({
      userId: c.userId,
      number: c.number,
      lastAt: lastAt(c),
      count: c.texts.length,
      texts: structuredClone(c.texts.slice(-TEXTS_PER_CONVERSATION)),
    })),
  };
}
