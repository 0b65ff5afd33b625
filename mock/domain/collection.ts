import { cursorOf, findByCursor } from './paging.js';
import type { Page, PageRequest } from './types.js';

const DEFAULT_PAGE = 20;
// Rebuild the creation-order index once evictions have left this many holes (and they are the majority).
const COMPACT_AFTER = 1024;

/**
 * One user's resources of one kind, by id, in creation order. Finished items (ended calls,
 * delivered texts) are kept up to `retain`; past that the oldest finished one is evicted, so
 * memory stays bounded however long the mock runs. Reads and writes by id are O(1), and a page
 * costs what it returns, not what is stored.
 */
export class Collection<T extends { id: string }> {
  // Items in creation order; an evicted item leaves a hole until the next compaction.
  #order: Array<T | undefined> = [];
  // Where each item is in #order: one map for lookups by id and for cursors alike.
  #position = new Map<string, number>();
  #holes = 0;
  #finished: string[] = [];
  #finishedHead = 0;
  readonly retain: number;

  constructor(retain: number) {
    this.retain = retain;
  }

  get size(): number {
    return this.#position.size;
  }

  /** Items not finished yet (live calls, texts on their way): O(1), and right after evictions and clear(). */
  get unfinished(): number {
    return this.#position.size - (this.#finished.length - this.#finishedHead);
  }

  get(id: string): T | undefined {
    const at = this.#position.get(id);
    return at === undefined ? undefined : this.#order[at];
  }

  /** Adds an item, or replaces the one with the same id in its place. */
  add(item: T): void {
    const at = this.#position.get(item.id);
    if (at !== undefined) {
      this.#order[at] = item;
      return;
    }
    this.#position.set(item.id, this.#order.length);
    this.#order.push(item);
  }

  /** In creation order. */
  *values(): IterableIterator<T> {
    for (const item of this.#order) if (item !== undefined) yield item;
  }

  /** Records that an item will not change again, evicting the oldest finished item over the cap. */
  finish(id: string): void {
    this.#finished.push(id);
    while (this.#finished.length - this.#finishedHead > this.retain) {
      this.#evict(this.#finished[this.#finishedHead++] as string);
    }
    // Compact now and then so the queue's array does not grow forever.
    if (this.#finishedHead > COMPACT_AFTER && this.#finishedHead * 2 > this.#finished.length) {
      this.#finished = this.#finished.slice(this.#finishedHead);
      this.#finishedHead = 0;
    }
  }

  /** Newest first, `limit` at a time; the cursor is the (opaque) id of the last item of the previous page. */
  page(request: PageRequest, keep: (item: T) => boolean = () => true): Page<T> {
    const limit = request.limit ?? DEFAULT_PAGE;
    let i = this.#order.length - 1;
    if (request.cursor !== undefined) {
      i = findByCursor(request.cursor, (id) => this.#position.get(id)) - 1;
    }
    const data: T[] = [];
    for (; i >= 0 && data.length < limit; i--) {
      const item = this.#order[i];
      if (item && keep(item)) data.push(item);
    }
    let more = false;
    for (; i >= 0 && !more; i--) {
      const item = this.#order[i];
      more = item !== undefined && keep(item);
    }
    const last = data[data.length - 1];
    return { data, nextCursor: more && last ? cursorOf(last.id) : null };
  }

  clear(): void {
    this.#order = [];
    this.#position.clear();
    this.#holes = 0;
    this.#finished = [];
    this.#finishedHead = 0;
  }

  #evict(id: string): void {
    const at = this.#position.get(id);
    if (at === undefined) return;
    this.#order[at] = undefined;
    this.#position.delete(id);
    this.#holes += 1;
    if (this.#holes > COMPACT_AFTER && this.#holes * 2 > this.#order.length) this.#compact();
  }

  #compact(): void {
    this.#order = this.#order.filter((item) => item !== undefined);
    this.#order.forEach((item, index) => {
      if (item) this.#position.set(item.id, index);
    });
    this.#holes = 0;
  }
}
