import { decodeBase64Url, encodeBase64Url } from '../lib/base64url.js';
import { DomainError } from './errors.js';
import type { CountedPage } from './types.js';

/** The opaque cursor that names an item by its key: the last item of the page before. */
export const cursorOf = (key: string): string => encodeBase64Url(key);

/** What `find` gives for the key a cursor names; a 400 `invalid_cursor` when it gives nothing. */
export function findByCursor<P>(cursor: string, find: (key: string) => P | undefined): P {
  const found = find(decodeBase64Url(cursor));
  if (found === undefined) {
    throw new DomainError(
      'invalid',
      'invalid_cursor',
      'The cursor is unknown or has expired.',
      '/query/cursor',
    );
  }
  return found;
}

/**
 * Cuts a page out of a list that is already in display order. The cursor names the last item of
 * the previous page (by key, not position), so new items arriving at the top do not shift the
 * pages below.
 */
export function pageOfList<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  request: { limit: number; cursor?: string | undefined },
): CountedPage<T> {
  let start = 0;
  if (request.cursor !== undefined) {
    start = findByCursor(request.cursor, (key) => {
      const index = items.findIndex((item) => keyOf(item) === key);
      return index < 0 ? undefined : index + 1;
    });
  }
  const data = items.slice(start, start + request.limit);
  const last = data[data.length - 1];
  const more = start + data.length < items.length;
  return { data, nextCursor: more && last !== undefined ? cursorOf(keyOf(last)) : null, total: items.length };
}
