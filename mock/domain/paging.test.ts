import { describe, expect, it } from 'vitest';
import { domainErrorOf } from '../../test/support/domain-error-code.js';
import { cursorOf, pageOfList } from './paging.js';

// Keys shaped like the inspector's (`user/id`): a cursor must carry a slash and survive base64url.
const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ key: `demo/call_${i}` }));
const keyOf = (row: { key: string }) => row.key;

/** Every page's keys, following nextCursor from the first page; `total` as each page said it. */
function walk(items: readonly { key: string }[], limit: number) {
  const pages: string[][] = [];
  const totals: number[] = [];
  let cursor: string | undefined;
  do {
    const page = pageOfList(items, keyOf, { limit, cursor });
    pages.push(page.data.map(keyOf));
    totals.push(page.total);
    cursor = page.nextCursor ?? undefined;
  } while (cursor !== undefined);
  return { pages, totals };
}

describe('pageOfList', () => {
  it.each<[string, { given: { n: number; limit: number }; want: number[][] }]>([
    ['an empty list: one empty page', { given: { n: 0, limit: 3 }, want: [[]] }],
    ['fewer than a page', { given: { n: 2, limit: 3 }, want: [[0, 1]] }],
    ['exactly one page: no next cursor', { given: { n: 3, limit: 3 }, want: [[0, 1, 2]] }],
    ['a short last page', { given: { n: 5, limit: 2 }, want: [[0, 1], [2, 3], [4]] }],
    [
      'a full last page: no empty page after it',
      {
        given: { n: 4, limit: 2 },
        want: [
          [0, 1],
          [2, 3],
        ],
      },
    ],
    ['one at a time', { given: { n: 3, limit: 1 }, want: [[0], [1], [2]] }],
  ])('%s', (_, { given, want }) => {
    const items = rows(given.n);
    const { pages, totals } = walk(items, given.limit);
    expect(pages).toEqual(want.map((page) => page.map((i) => `demo/call_${i}`)));
    // Every page counts the whole list, not what is left of it.
    expect(totals).toEqual(want.map(() => given.n));
  });

  it('the cursor names the last item by key, so items arriving at the top do not shift the next page', () => {
    const items = rows(4);
    const first = pageOfList(items, keyOf, { limit: 2 });
    const grown = [{ key: 'other/call_new' }, { key: 'other/call_newer' }, ...items];
    const second = pageOfList(grown, keyOf, { limit: 2, cursor: first.nextCursor ?? undefined });
    expect(second.data.map(keyOf)).toEqual(['demo/call_2', 'demo/call_3']);
    expect([second.nextCursor, second.total]).toEqual([null, 6]);
  });

  it.each([
    ['the first item', 0, ['demo/call_1', 'demo/call_2'], true],
    ['an item in the middle', 2, ['demo/call_3', 'demo/call_4'], false],
    ['the last item: an empty page, no cursor', 4, [], false],
  ])('a cursor naming %s starts right after it', (_, index, want, more) => {
    const page = pageOfList(rows(5), keyOf, { limit: 2, cursor: cursorOf(`demo/call_${index}`) });
    expect(page.data.map(keyOf)).toEqual(want);
    expect(page.nextCursor !== null).toBe(more);
  });

  it('a limit of 0 gives an empty page and no cursor to follow', () => {
    expect(pageOfList(rows(3), keyOf, { limit: 0 })).toEqual({ data: [], nextCursor: null, total: 3 });
  });

  it.each([
    ['not base64url at all', '%%%'],
    ['a key the list does not hold (an item gone since)', cursorOf('demo/call_9')],
    ['an empty cursor', ''],
  ])('a cursor that is %s is refused as invalid_cursor on /query/cursor', (_, cursor) => {
    const error = domainErrorOf(() => pageOfList(rows(3), keyOf, { limit: 2, cursor }));
    expect([error.kind, error.code, error.field]).toEqual(['invalid', 'invalid_cursor', '/query/cursor']);
    // The refusal says why in words, for the problem's `detail`.
    expect(error.message).toMatch(/cursor/i);
  });
});
