import { decodeBase64Url, encodeBase64Url } from '../domain/base64url.js';
import { DomainError } from '../domain/errors.js';

/** One page of a list, the cursor of the next and how many items the whole list has. */
export interface Window<T> {
  data: T[];
  nextCursor: string | null;
  total: number;
}

const encode = encodeBase64Url;
const decode = decodeBase64Url;

/**
 * Cuts a page out of a list that is already in display order. The cursor names the last item of
 * the previous page (by key, not position), so new items arriving at the top do not shift the
 * pages below.
 */
export function windowOf<T>(
  items: readonly T[],
  keyOf: (item: T) => string,
  request: { limit: number; cursor?: string | undefined },
): Window<T> {
  let start = 0;
  if (request.cursor !== undefined) {
    const after = decode(request.cursor);
    const index = items.findIndex((item) => keyOf(item) === after);
    if (index < 0) {
      throw new DomainError(
        'invalid',
        'invalid_cursor',
        'The cursor is unknown or has expired.',
        '/query/cursor',
      );
    }
    start = index + 1;
  }
  const data = items.slice(start, start + request.limit);
  const last = data[data.length - 1];
  const more = start + data.length < items.length;
  return { data, nextCursor: more && last !== undefined ? encode(keyOf(last)) : null, total: items.length };
}
