import type { Exchange } from '../exchange.js';
import type { RunContext } from '../run-context.js';

interface Page {
  data?: Array<{ id?: unknown; createdAt?: unknown }>;
  nextCursor?: unknown;
}

const MAX_PAGES = 5;
const pageOf = (exchange: Exchange) => (exchange.json ?? {}) as Page;

/**
 * Judges a walk through a list one item a page against the same list in one page: the pages
 * never repeat an item and give the list in its order, newest first.
 */
export function judgePages(pages: Exchange[], whole: Exchange): string | undefined {
  const all = (pageOf(whole).data ?? []).map((item) => item.id);
  const walked: unknown[] = [];
  for (const [i, page] of pages.entries()) {
    const { data = [] } = pageOf(page);
    if (page.status !== 200) return `page ${i + 1} got ${page.status}`;
    if (data.length > 1) return `page ${i + 1} has ${data.length} items with limit=1`;
    for (const item of data) {
      if (walked.includes(item.id)) return `page ${i + 1} repeats ${String(item.id)}`;
      walked.push(item.id);
    }
  }
  const expected = all.slice(0, walked.length);
  if (JSON.stringify(walked) !== JSON.stringify(expected))
    return `the pages give ${walked.join(', ')}, the list in one page starts ${expected.join(', ')}`;
  const last = pages.at(-1);
  if (last && typeof pageOf(last).nextCursor !== 'string' && walked.length < all.length)
    return `nextCursor ran out after ${walked.length} of ${all.length} items`;
  const times = (pageOf(whole).data ?? []).map((item) => Date.parse(String(item.createdAt)));
  const older = times.findIndex((t, i) => i > 0 && t > (times[i - 1] ?? t));
  if (older > 0) return `not newest first: item ${older + 1} is newer than item ${older}`;
  return undefined;
}

/**
 * `pagination`: each list with a `cursor`, walked one item a page by its `nextCursor`, gives the
 * same items in the same order as one big page (newest first), and never one twice.
 */
export async function checkPagination(ctx: RunContext): Promise<void> {
  for (const operation of ctx.operations) {
    const query = operation.parameters.filter((p) => p.in === 'query').map((p) => p.name);
    if (operation.method !== 'GET' || !query.includes('cursor') || !query.includes('limit')) continue;
    const id = operation.operationId;
    const request = { operationId: id, method: 'GET', path: operation.path };
    const whole = await ctx.target.send({ ...request, query: { limit: '100' } });
    if ((pageOf(whole).data ?? []).length < 2) {
      ctx.matrix.skip(id, 'pagination', 'fewer than two items to page through');
      continue;
    }
    const pages = [await ctx.target.send({ ...request, query: { limit: '1' } })];
    for (
      let cursor = pageOf(pages[0] as Exchange).nextCursor;
      typeof cursor === 'string' && pages.length < MAX_PAGES;
    ) {
      const page = await ctx.target.send({ ...request, query: { limit: '1', cursor } });
      pages.push(page);
      cursor = pageOf(page).nextCursor;
    }
    const problem = judgePages(pages, whole);
    if (problem) ctx.matrix.fail(id, 'pagination', problem, pages.at(-1));
    else ctx.matrix.pass(id, 'pagination');
  }
}
