import type { SpecOperation } from '../../spec/spec.js';
import { linksOf } from '../call-flow.js';
import type { Exchange } from '../exchange.js';
import type { RunContext } from '../run-context.js';

const idOf = (exchange: Exchange) => (exchange.json as { id?: unknown } | undefined)?.id;

/** Evaluates a link's runtime expression `$response.body#/a/b` against a response (OpenAPI 3.1 §4.8.20.4). */
export function evaluateExpression(expression: string, exchange: Exchange): unknown {
  const match = /^\$response\.body#(\/.*)?$/.exec(expression);
  if (!match) return undefined;
  let value: unknown = exchange.json;
  for (const token of (match[1] ?? '').split('/').slice(1)) {
    const key = token.replace(/~1/g, '/').replace(/~0/g, '~');
    value = typeof value === 'object' && value !== null ? (value as Record<string, unknown>)[key] : undefined;
  }
  return value;
}

/** The path of a `Location` inside the API, or why it points elsewhere. */
export function locationPath(baseUrl: string, created: Exchange): { path: string } | { problem: string } {
  const location = created.responseHeaders.location;
  if (!location) return { problem: 'no Location header' };
  const resolved = new URL(location, created.url).toString();
  if (!resolved.startsWith(`${baseUrl}/`))
    return { problem: `Location ${location} points outside ${baseUrl}` };
  return { path: resolved.slice(baseUrl.length) };
}

const matches = (template: string, path: string) =>
  new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(path.split('?')[0] ?? '');

async function checkLocation(ctx: RunContext, operation: SpecOperation, created: Exchange): Promise<void> {
  const id = operation.operationId;
  const where = locationPath(ctx.options.baseUrl, created);
  if ('problem' in where) return ctx.matrix.fail(id, 'location', where.problem, created);
  const read = [...ctx.spec.operations.values()].find(
    (op) => op.method === 'GET' && matches(op.path, where.path),
  );
  const exchange = await ctx.target.send({ operationId: read?.operationId, method: 'GET', path: where.path });
  if (exchange.status !== 200 || idOf(exchange) !== idOf(created))
    return ctx.matrix.fail(
      id,
      'location',
      `GET ${where.path} (the Location) got ${exchange.status} with id ${String(idOf(exchange))}, not 200 with ${String(idOf(created))}`,
      exchange,
    );
  ctx.matrix.pass(id, 'location');
}

async function checkLinks(ctx: RunContext, operation: SpecOperation, created: Exchange): Promise<void> {
  const id = operation.operationId;
  for (const link of linksOf(operation)) {
    const linked = ctx.spec.operations.get(link.operationId);
    // Only reads are followed here: the writes a link names are exercised by their own checks.
    if (linked?.method !== 'GET') continue;
    let path = linked.path;
    for (const [name, expression] of Object.entries(link.parameters ?? {})) {
      const value = evaluateExpression(expression, created);
      if (typeof value !== 'string' && typeof value !== 'number')
        return ctx.matrix.fail(
          id,
          'links',
          `link to ${link.operationId}: ${expression} gives nothing`,
          created,
        );
      path = path.replace(`{${name}}`, encodeURIComponent(String(value)));
    }
    const exchange = await ctx.target.send({ operationId: linked.operationId, method: 'GET', path });
    if (exchange.status < 200 || exchange.status > 299)
      return ctx.matrix.fail(
        id,
        'links',
        `link to ${link.operationId}: GET ${path} got ${exchange.status}`,
        exchange,
      );
  }
  ctx.matrix.pass(id, 'links');
}

/**
 * `location` and `links`, on what the run created: the documented `Location` of a 201 reads back
 * the created resource, and each read the 201's links name answers 2xx for it.
 */
export async function checkCreatedResources(ctx: RunContext): Promise<void> {
  for (const operation of ctx.operations) {
    const created201 = operation.responses['201'] as { headers?: Record<string, unknown> } | undefined;
    if (!created201) continue;
    const id = operation.operationId;
    const hasLocation = Object.keys(created201.headers ?? {}).some((h) => h.toLowerCase() === 'location');
    const hasLinks = linksOf(operation).some((l) => ctx.spec.operations.get(l.operationId)?.method === 'GET');
    const created = ctx.firstCreated.get(id);
    const why = ctx.options.readOnly ? '--read-only' : 'the run created nothing with it';
    for (const [check, applies, run] of [
      ['location', hasLocation, checkLocation],
      ['links', hasLinks, checkLinks],
    ] as const) {
      if (!applies || !ctx.enabled(check)) continue;
      if (!created) ctx.matrix.skip(id, check, why);
      else await run(ctx, operation, created);
    }
  }
}
