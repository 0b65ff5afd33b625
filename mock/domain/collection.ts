import { DomainError } from './errors.js';
import type { Page, PageRequest } from './types.js';

const DEFAULT_PAGE = 20;

const encodeCursor = (id: string) => Buffer.from(id).toString('base64url');
const decodeCursor = (cursor: string) => Buffer.from(cursor, 'base64url').toString();

/**
 * One user's resources of one kind, by id, in creation order. Finished items (ended calls,
 * delivered texts) are kept up to `retain`; past that the oldest finished one is evicted, so
 * memory stays bounded however long the mock runs. Reads and writes by id are O(1).
 */
export class Collection<T extends { id: string }> {
  #items = new Map<string, T>();
  #finished: string[] = [];
  #finishedHead = 0;
  readonly retain: number;

  constructor(retain: number) {
    this.retain = retain;
  }

  get size(): number {
    return this.#items.size;
  }

  get(id: string): T | undefined {
    return this.#items.get(id);
  }

  add(item: T): void {
    this.#items.set(item.id, item);
  }

  values(): IterableIterator<T> {
    return this.#items.values();
  }

  /** Records that an item will not change again, evicting the oldest finished item over the cap. */
  finish(id: string): void {
    this.#finished.push(id);
    while (this.#finished.length - this.#finishedHead > this.retain) {
      const oldest = this.#finished[this.#finishedHead++] as string;
      this.#items.delete(oldest);
    }
    // Compact now and then so the queue's array does not grow forever.
    if (this.#finishedHead > 1024 && this.#finishedHead * 2 > this.#finished.length) {
      this.#finished = this.#finished.slice(this.#finishedHead);
      this.#finishedHead = 0;
    }
  }

  /** Newest first, `limit` at a time; the cursor is the (opaque) id of the last item of the previous page. */
  page(request: PageRequest, keep: (item: T) => boolean = () => true): Page<T> {
    const limit = request.limit ?? DEFAULT_PAGE;
    const all = [...this.#items.values()].reverse();
    let start = 0;
    if (request.cursor !== undefined) {
      const after = decodeCursor(request.cursor);
      const index = all.findIndex((item) => item.id === after);
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
    const data: T[] = [];
    let i = start;
    for (; i < all.length && data.length < limit; i++) {
      const item = all[i] as T;
      if (keep(item)) data.push(item);
    }
    const more = all.slice(i).some(keep);
    const last = data[data.length - 1];
    return { data, nextCursor: more && last ? encodeCursor(last.id) : null };
  }

  clear(): void {
    this.#items.clear();
    this.#finished = [];
    this.#finishedHead = 0;
  }
}
