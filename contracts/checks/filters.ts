import type { SpecOperation, SpecParameter } from '../../spec/spec.js';
import { CALL_FLOW, isEnding } from '../call-flow.js';
import type { Exchange } from '../exchange.js';
import { broken, kept } from '../promise-verdicts.js';
import type { RunContext } from '../run-context.js';

type Item = Record<string, unknown>;

// A number no one texts: a filter by it must leave out every SMS the run sent.
const UNUSED_NUMBER = '+19995550100';
const PAGE = '100';
const PROMISE_OF: Record<string, string> = {
  status: 'filter-call-status',
  direction: 'filter-direction',
  number: 'filter-number',
};

const statusSchema = (ctx: RunContext) => ctx.spec.document.components.schemas[CALL_FLOW.statusSchema];
const itemsOf = (exchange: Exchange) =>
  ((exchange.json as { data?: unknown } | undefined)?.data ?? []) as Item[];

/** The item fields a filter compares with: its own name, or those its words name (`as \`from\` or \`to\``). */
export function filteredFields(param: SpecParameter & { description?: string }): string[] {
  const named = /as `(\w+)` or `(\w+)`/.exec(param.description ?? '');
  return named ? [named[1] as string, named[2] as string] : [param.name];
}

const matches = (item: Item, fields: string[], value: string) => fields.some((f) => item[f] === value);

// A value that keeps some items of the unfiltered page and drops others (one no item can leave
// between the two requests, such as an ending of a call), or one that drops them all.
function valueToTry(
  param: SpecParameter,
  fields: string[],
  page: Item[],
  stable: (value: string) => boolean,
): string | undefined {
  const values = (param.schema as { enum?: unknown[] }).enum;
  if (!values) return UNUSED_NUMBER;
  const present = values.filter(
    (v): v is string => typeof v === 'string' && page.some((i) => matches(i, fields, v)),
  );
  const splitting = present.find((v) => stable(v) && page.some((i) => !matches(i, fields, v)));
  return splitting ?? values.find((v): v is string => typeof v === 'string' && !present.includes(v));
}

async function judgeFilter(ctx: RunContext, operation: SpecOperation, param: SpecParameter, page: Exchange) {
  const id = operation.operationId;
  const fields = filteredFields(param);
  // A call's status moves until it ends; every other filtered field stays as it was created.
  const stable = (value: string) => param.schema !== statusSchema(ctx) || isEnding(ctx.spec, value);
  const value = valueToTry(param, fields, itemsOf(page), stable);
  const promise = PROMISE_OF[param.name] ?? 'filter-call-status';
  if (value === undefined) return;
  const filtered = await ctx.target.send({
    operationId: id,
    method: 'GET',
    path: operation.path,
    query: { limit: PAGE, [param.name]: value },
  });
  if (filtered.status !== 200) return;
  const stray = itemsOf(filtered).find((item) => !matches(item, fields, value));
  if (stray)
    return broken(
      ctx.matrix,
      promise,
      id,
      `${param.name}=${value} listed ${String(stray.id)} (${fields.map((f) => `${f} ${String(stray[f])}`).join(', ')})`,
      filtered,
    );
  // A whole page is all there is: every item of the unfiltered page that matches must be in it.
  const shown = new Set(itemsOf(filtered).map((i) => i.id));
  const whole = (filtered.json as { nextCursor?: unknown }).nextCursor === null;
  const missing = itemsOf(page).find((item) => matches(item, fields, value) && !shown.has(item.id));
  if (whole && missing && stable(value) && itemsOf(filtered).length < Number(PAGE))
    return broken(
      ctx.matrix,
      promise,
      id,
      `${param.name}=${value} left out ${String(missing.id)}, which matches`,
      filtered,
    );
  kept(ctx.matrix, promise, id);
}

/**
 * `filters`: each list's filter (a query parameter whose words say "Only …") lists only what it
 * asked for, and leaves out nothing that matches: tried with a value that splits the unfiltered
 * page where one does, else with one that must leave out all of it.
 */
export async function checkFilters(ctx: RunContext): Promise<void> {
  for (const operation of ctx.operations) {
    const filters = operation.parameters.filter(
      (p) => p.in === 'query' && /^Only\b/.test((p as { description?: string }).description ?? ''),
    );
    if (operation.method !== 'GET' || filters.length === 0) continue;
    const page = await ctx.target.send({
      operationId: operation.operationId,
      method: 'GET',
      path: operation.path,
      query: { limit: PAGE },
    });
    if (page.status !== 200) continue;
    for (const param of filters) await judgeFilter(ctx, operation, param, page);
  }
}
