import type { SpecOperation } from '../../spec/spec.js';
import type { Exchange } from '../exchange.js';
import { invalidBodies, invalidValues, type Variant } from '../invalid-data.js';
import { validBodies, validRequest } from '../request-builder.js';
import type { CheckName } from '../results.js';
import { isProblemJson, isWrite, type RunContext } from '../run-context.js';
import { bodySchema } from '../sample-data.js';
import type { ProbeRequest } from '../target.js';

const MAX_BODY_VARIANTS = 12;
const MAX_PARAM_VARIANTS = 4;

/** Invalid input must get a 4xx problem document: never a 2xx (accepted) and never a 5xx (crashed). */
function judgeRejected(
  ctx: RunContext,
  id: string,
  check: CheckName,
  label: string,
  exchange: Exchange,
): void {
  if (exchange.status < 400 || exchange.status > 499)
    ctx.matrix.fail(id, check, `invalid input (${label}) got ${exchange.status}, not a 4xx`, exchange);
  else if (!isProblemJson(exchange.responseHeaders))
    ctx.matrix.fail(
      id,
      check,
      `invalid input (${label}) got a ${exchange.status} that is not problem+json`,
      exchange,
    );
  else ctx.matrix.pass(id, check);
}

// Only variants that the spec's own validator rejects at that location are sent.
function rejectedBySpec(
  ctx: RunContext,
  id: string,
  parts: Parameters<RunContext['validators']['validateRequest']>[1],
  at: string,
) {
  const check = ctx.validators.validateRequest(id, parts);
  return !check.ok && check.errors.some((e) => e.path.startsWith(at));
}

async function sendAll(
  ctx: RunContext,
  id: string,
  check: CheckName,
  requests: Array<[string, ProbeRequest]>,
) {
  for (const [label, request] of requests)
    judgeRejected(ctx, id, check, label, await ctx.target.send(request));
}

async function negativeParams(
  ctx: RunContext,
  operation: SpecOperation,
  base: ProbeRequest,
  params: Record<string, string>,
) {
  const id = operation.operationId;
  for (const where of ['path', 'query'] as const) {
    const check: CheckName = where === 'path' ? 'negative-path' : 'negative-query';
    if (!ctx.enabled(check)) continue;
    const requests: Array<[string, ProbeRequest]> = [];
    for (const param of operation.parameters.filter((p) => p.in === where)) {
      const variants = invalidValues(param.schema)
        .map((v) => ({ label: `${param.name}: ${v.label}`, value: String(v.value) }))
        .filter(({ value }) =>
          where === 'path'
            ? rejectedBySpec(
                ctx,
                id,
                { path: { ...params, [param.name]: value }, body: base.body },
                `/path/${param.name}`,
              )
            : rejectedBySpec(
                ctx,
                id,
                { path: params, query: { [param.name]: value }, body: base.body },
                `/query/${param.name}`,
              ),
        )
        .slice(0, MAX_PARAM_VARIANTS);
      for (const { label, value } of variants) {
        if (where === 'query') requests.push([label, { ...base, query: { [param.name]: value } }]);
        else {
          const filled = ctx.fixtures.fill(operation, { [param.name]: value });
          if ('path' in filled) requests.push([label, { ...base, path: filled.path }]);
        }
      }
    }
    await sendAll(ctx, id, check, requests);
  }
}

/** `negative-body`, `negative-path`, `negative-query`: invalid requests generated from the schemas. */
export async function checkNegativeData(ctx: RunContext): Promise<void> {
  for (const operation of ctx.operations) {
    const id = operation.operationId;
    const built = validRequest(ctx, operation);
    const checks: CheckName[] = [];
    if (operation.requestBody) checks.push('negative-body');
    if (operation.parameters.some((p) => p.in === 'path')) checks.push('negative-path');
    if (operation.parameters.some((p) => p.in === 'query')) checks.push('negative-query');
    const reason =
      isWrite(operation) && ctx.options.readOnly ? '--read-only' : 'skip' in built ? built.skip : undefined;
    if (reason !== undefined || 'skip' in built) {
      for (const check of checks) if (ctx.enabled(check)) ctx.matrix.skip(id, check, reason ?? '');
      continue;
    }
    await negativeParams(ctx, operation, built.request, built.params);
    const schema = bodySchema(operation);
    if (!schema || !ctx.enabled('negative-body')) continue;
    const bodies = validBodies(ctx, operation, built.params);
    const richest = bodies.at(-1)?.body ?? built.request.body;
    const variants: Variant[] = invalidBodies(schema, richest)
      .filter((v) => rejectedBySpec(ctx, id, { path: built.params, body: v.value }, '/body'))
      .slice(0, MAX_BODY_VARIANTS);
    const text = JSON.stringify(built.request.body);
    await sendAll(ctx, id, 'negative-body', [
      ['malformed JSON', { ...built.request, body: undefined, rawBody: text.slice(0, -1) }],
      [
        'not application/json',
        { ...built.request, body: undefined, rawBody: text, contentType: 'text/plain' },
      ],
      ...variants.map((v): [string, ProbeRequest] => [v.label, { ...built.request, body: v.value }]),
    ]);
  }
}
