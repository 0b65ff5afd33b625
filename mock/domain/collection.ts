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
  #items = new Map<string, T>();
  // Ids in creation order; an evicted id leaves a hole until the next compaction.
  #order: Array<string | undefined> = [];
  #position = new Map<string, number>();
  #holes = 0;
  #finished: string[] = [];
  #finishedHead = 0;
  readonly retain: number;

  constructor(retain: number) {
    this.retain = retain;
  }

  get size(): number {
    return this.#items.size;
  }

  /** Items not finished yet (live calls, texts on their way): O(1), and right after evictions and clear(). */
  get unfinished(): number {
    return this.#items.size - (this.#finished.length - this.#finishedHead);
  }

  get(id: string): T | undefined {
    return this.#items.get(id);
  }

  /** Adds an item, or replaces the one with the same id in its place. */
  add(item: T): void {
    if (!this.#items.has(item.id)) {
      this.#position.set(item.id, this.#order.length);
      this.#order.push(item.id);
    }
    this.#items.set(item.id, item);
  }

  /** In creation order. */
  values(): IterableIterator<T> {
    return this.#items.values();
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
      const item = this.#at(i);
      if (item && keep(item)) data.push(item);
    }
    let more = false;
    for (; i >= 0 && !more; i--) {
      const item = this.#at(i);
      more = item !== undefined && keep(item);
    }
    const last = data[data.length - 1];
    return { data, nextCursor: more && last ? cursorOf(last.id) : null };
  }

  clear(): void {
    this.#items.clear();
    this.#order = [];
    this.#position.clear();
    this.#holes = 0;
    this.#finished = [];
    this.#finishedHead = 0;
  }

  #at(index: number): T | undefined {
    const id = this.#order[index];
    return id === undefined ? undefined : this.#items.get(id);
  }

  #evict(id: string): void {
    this.#items.delete(id);
    const at = this.#position.get(id);
    if (at === undefined) return;
    this.#order[at] = undefined;
    this.#position.delete(id);
    this.#holes += 1;
    if (this.#holes > COMPACT_AFTER && this.#holes * 2 > this.#order.length) this.#compact();
  }

  #compact(): void {
    this.#order = this.#order.filter((id) => id !== undefined);
    this.#position.clear();
    this.#order.forEach((id, index) => {
      this.#position.set(id as string, index);
    });
    this.#holes = 0;
  }
}
