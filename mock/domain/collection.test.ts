import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { domainErrorOf } from '../../test/support/domain-error-code.js';
import { Collection } from './collection.js';

interface Item {
  id: string;
  even: boolean;
}

const item = (n: number): Item => ({ id: `it_${n}`, even: n % 2 === 0 });

/** Every item, page by page, following nextCursor. */
function walk(collection: Collection<Item>, limit: number, keep?: (item: Item) => boolean): string[][] {
  const pages: string[][] = [];
  let cursor: string | undefined;
  do {
    const page = collection.page({ limit, ...(cursor ? { cursor } : {}) }, keep);
    pages.push(page.data.map((i) => i.id));
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return pages;
}

const chunks = (ids: string[], size: number) =>
  ids.length === 0
    ? [[]]
    : Array.from({ length: Math.ceil(ids.length / size) }, (_, i) => ids.slice(i * size, (i + 1) * size));

describe('Collection', () => {
  it('pages like a plain newest-first list and counts the unfinished, whatever was added, finished and evicted', () => {
    const op = fc.oneof(fc.constant({ add: true as const }), fc.record({ finish: fc.nat() }));
    const scenario = fc.record({
      retain: fc.integer({ min: 0, max: 5 }),
      ops: fc.array(op, { maxLength: 40 }),
      limit: fc.integer({ min: 1, max: 6 }),
      evenOnly: fc.boolean(),
    });
    fc.assert(
      fc.property(scenario, ({ retain, ops, limit, evenOnly }) => {
        const collection = new Collection<Item>(retain);
        // The model: what is kept, in creation order, and the finished ids, oldest first.
        let kept: Item[] = [];
        let finished: string[] = [];
        let next = 0;
        for (const step of ops) {
          if ('add' in step) {
            const it = item(next++);
            collection.add(it);
            kept.push(it);
            continue;
          }
          const live = kept.filter((i) => !finished.includes(i.id));
          const target = live[step.finish % Math.max(live.length, 1)];
          if (!target) continue;
          collection.finish(target.id);
          finished.push(target.id);
          const evicted = finished.slice(0, Math.max(finished.length - retain, 0));
          finished = finished.slice(evicted.length);
          kept = kept.filter((i) => !evicted.includes(i.id));
        }
        const keep = evenOnly ? (i: Item) => i.even : undefined;
        const want = [...kept]
          .reverse()
          .filter((i) => !keep || keep(i))
          .map((i) => i.id);
        expect(walk(collection, limit, keep)).toEqual(chunks(want, limit));
        expect([...collection.values()].map((i) => i.id)).toEqual(kept.map((i) => i.id));
        expect(collection.size).toBe(kept.length);
        expect(collection.unfinished).toBe(kept.filter((i) => !finished.includes(i.id)).length);
      }),
    );
  });

  it('keeps paging right across compactions of many evictions', () => {
    const collection = new Collection<Item>(3);
    const live = [item(0), item(1)];
    for (const it of live) collection.add(it);
    for (let n = 2; n < 5_000; n++) {
      collection.add(item(n));
      collection.finish(`it_${n}`);
    }
    expect(walk(collection, 2)).toEqual([['it_4999', 'it_4998'], ['it_4997', 'it_1'], ['it_0']]);
    expect(collection.unfinished).toBe(2);
    collection.clear();
    expect(collection.unfinished).toBe(0);
  });

  it.each([
    ['an id that never existed', (_c: Collection<Item>) => Buffer.from('it_999').toString('base64url')],
    ['an evicted item', (c: Collection<Item>) => c.page({ limit: 3 }).nextCursor as string],
  ])('a cursor naming %s is invalid_cursor', (_name, cursorOf) => {
    const collection = new Collection<Item>(0);
    for (let n = 0; n < 5; n++) collection.add(item(n));
    const cursor = cursorOf(collection);
    collection.finish('it_2');
    const error = domainErrorOf(() => collection.page({ cursor }));
    expect(`${error.kind}:${error.code}:${error.field}`).toBe('invalid:invalid_cursor:/query/cursor');
  });

  it('defaults to pages of 20; add() with a known id replaces in place', () => {
    const collection = new Collection<Item>(10);
    for (let n = 0; n < 25; n++) collection.add(item(n));
    collection.add({ id: 'it_24', even: false });
    const page = collection.page({});
    expect(page.data).toHaveLength(20);
    expect(page.data[0]).toEqual({ id: 'it_24', even: false });
    expect(collection.size).toBe(25);
  });

  it.each([
    ['the oldest', 'it_0'],
    ['one in the middle', 'it_1'],
  ])('add() with the id of %s replaces it where it stands, once', (_, id) => {
    const collection = new Collection<Item>(10);
    for (let n = 0; n < 3; n++) collection.add(item(n));
    collection.add({ id, even: false });
    expect(walk(collection, 2)).toEqual([['it_2', 'it_1'], ['it_0']]);
    expect([...collection.values()].map((i) => i.id)).toEqual(['it_0', 'it_1', 'it_2']);
    expect(collection.get(id)).toEqual({ id, even: false });
    expect(collection.page({ limit: 3 }, (i) => !i.even).data.map((i) => i.id)).toContain(id);
  });
});
