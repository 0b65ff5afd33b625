import { loadSpec } from '../src/spec.js';
import { SpecValidators } from '../src/validators.js';
import { CALL_FLOW, linksOf } from './call-flow.js';
import { checkAuth } from './checks/auth.js';
import { checkLifecycle } from './checks/lifecycle.js';
import { checkNegativeData } from './checks/negative.js';
import { checkPositiveData, judgeAccepted } from './checks/positive.js';
import { checkRateLimit } from './checks/rate-limit.js';
import { checkUndocumentedMethods } from './checks/undocumented-method.js';
import { checkUnknownIds } from './checks/unknown-id.js';
import { WebhookReceiver } from './checks/webhook-receiver.js';
import {
  CALL_EVENT_WEBHOOK,
  checkCallWebhooks,
  rememberWebhookSettings,
  takeWebhookSecret,
} from './checks/webhooks.js';
import { Fixtures } from './fixtures.js';
import type { ContractOptions } from './options.js';
import { validRequest } from './request-builder.js';
import { CHECKS, type CheckName, ResultMatrix } from './results.js';
import type { RunContext } from './run-context.js';
import { type CreatedResource, RunLedger } from './run-ledger.js';
import { RunInterrupted, Target, TargetUnreachable } from './target.js';

/** The arguments name things the spec or the suite does not have. */
export class ContractUsageError extends Error {}

/** What a run found and what it left behind. */
export interface ContractRun {
  matrix: ResultMatrix;
  created: CreatedResource[];
  requests: number;
  durationMs: number;
  interrupted: boolean;
  baseUrl: string;
  notes: string[];
}

const OPT_IN: readonly CheckName[] = ['rate-limit', 'webhooks'];

// Creates what the checks need, in the order the links allow: agent, its persona, an SMS. Calls come in the lifecycle.
async function createFixtures(ctx: RunContext): Promise<void> {
  const creators = [...ctx.spec.operations.values()].filter(
    (op) =>
      op.method === 'POST' &&
      op.responses['201'] &&
      linksOf(op).length > 0 &&
      op.operationId !== CALL_FLOW.create,
  );
  const follow = creators.flatMap((op) => linksOf(op).map((l) => ctx.spec.operations.get(l.operationId)));
  const steps = [
    ...creators,
    ...follow.filter((op) => op?.method === 'POST' && op.operationId !== CALL_FLOW.create),
  ];
  for (const operation of steps) {
    if (!operation) continue;
    const built = validRequest(ctx, operation);
    if ('skip' in built) continue;
    ctx.progress(`setup: ${operation.operationId}`);
    judgeAccepted(ctx, operation.operationId, 'setup', await ctx.target.send(built.request));
  }
}

/** Runs the contract suite against `options.baseUrl`; throws TargetUnreachable or ContractUsageError when it cannot. */
export async function runContractSuite(
  options: ContractOptions,
  hooks: { progress?: (line: string) => void; signal?: AbortSignal } = {},
): Promise<ContractRun> {
  const started = Date.now();
  const progress = hooks.progress ?? (() => {});
  const spec = await loadSpec(options.specPath);
  const validators = new SpecValidators(spec);
  const unknownOps = options.only.filter((id) => !spec.operations.has(id));
  if (unknownOps.length > 0)
    throw new ContractUsageError(`--only: no operation ${unknownOps.join(', ')} in the spec.`);
  const unknownChecks = options.checks.filter((c) => !(CHECKS as readonly string[]).includes(c));
  if (unknownChecks.length > 0)
    throw new ContractUsageError(
      `--checks: unknown ${unknownChecks.join(', ')}; known: ${CHECKS.join(', ')}.`,
    );
  const enabled = (check: CheckName) =>
    (options.checks.length === 0 || options.checks.includes(check)) &&
    (!OPT_IN.includes(check) || options.include.includes(check as 'rate-limit'));
  const operations = [...spec.operations.values()].filter(
    (op) => options.only.length === 0 || options.only.includes(op.operationId),
  );
  const rows = new Set(operations.map((op) => op.operationId));
  if (enabled('webhooks')) rows.add(CALL_EVENT_WEBHOOK);
  const matrix = new ResultMatrix(
    (operationId, check) => rows.has(operationId) && enabled(check),
    (operationId, check, reason) => progress(`  ✗ ${operationId} ${check}: ${reason}`),
  );
  for (const row of rows) matrix.addRow(row);
  const target = new Target({
    baseUrl: options.baseUrl,
    token: options.token,
    validators,
    matrix,
    signal: hooks.signal,
  });
  const fixtures = new Fixtures(spec, validators, options.callTo);
  const ledger = new RunLedger(target, spec, options.readOnly ? 0 : options.maxCalls);
  const ctx: RunContext = {
    options,
    spec,
    validators,
    matrix,
    target,
    fixtures,
    ledger,
    operations,
    enabled,
    progress,
  };
  target.onExchange((request, exchange) => {
    const operation = request.operationId ? spec.operations.get(request.operationId) : undefined;
    if (operation) fixtures.learn(operation, exchange);
    if (options.readOnly && request.method === 'GET') fixtures.discover(exchange);
  });
  const notes: string[] = [];
  const probe = [...spec.operations.values()].find((op) => op.method === 'GET' && !op.path.includes('{'));
  progress(
    `checking ${options.baseUrl} against ${spec.document.info ? String((spec.document.info as { title?: string }).title) : 'the spec'}`,
  );
  if (probe) {
    const first = await target.send({
      operationId: probe.operationId,
      method: probe.method,
      path: probe.path,
    });
    if (first.status === 0)
      throw new TargetUnreachable(`Cannot reach ${options.baseUrl}: ${first.responseBody}`);
  }
  let interrupted = false;
  const receiver = new WebhookReceiver();
  let restoreWebhook: (() => Promise<void>) | undefined;
  try {
    let secret: string | undefined;
    if (!options.readOnly) {
      const settings = await rememberWebhookSettings(ctx);
      restoreWebhook = settings?.restore;
      if (settings && settings.previous === undefined)
        notes.push('set the texts webhook (none was set before, so it stays set)');
    }
    if (enabled('webhooks') && !options.readOnly) {
      const port = await receiver.listen(options.webhookPort);
      fixtures.webhookUrl = options.webhookUrl ?? `http://127.0.0.1:${port}/`;
      progress(`webhooks: listening on 127.0.0.1:${port}, target posts to ${fixtures.webhookUrl}`);
      secret = await takeWebhookSecret(ctx, fixtures.webhookUrl);
    }
    if (options.readOnly) {
      for (const op of spec.operations.values())
        if (op.method === 'GET' && !op.path.includes('{'))
          await target.send({ operationId: op.operationId, method: 'GET', path: op.path });
    } else await createFixtures(ctx);
    if (enabled('lifecycle') || enabled('positive-data') || enabled('webhooks')) {
      progress('lifecycle: create a call, follow it, act on it, hang up');
      const watch = await checkLifecycle(ctx, fixtures.webhookUrl);
      if (enabled('webhooks')) {
        if (options.readOnly) matrix.skip(CALL_EVENT_WEBHOOK, 'webhooks', '--read-only');
        else if (!watch) matrix.skip(CALL_EVENT_WEBHOOK, 'webhooks', 'no call was created');
        else if (!secret)
          matrix.fail(CALL_EVENT_WEBHOOK, 'webhooks', 'the texts webhook settings gave no signing secret');
        else {
          progress('webhooks: waiting for the call events');
          const deadline = Date.now() + options.timeoutMs;
          await checkCallWebhooks(
            ctx,
            watch,
            secret,
            () => receiver.deliveries,
            (done) => receiver.waitUntil(done, deadline),
          );
        }
      }
    }
    const phases: Array<[string, CheckName[], (ctx: RunContext) => Promise<void>]> = [
      ['positive-data', ['positive-data'], checkPositiveData],
      [
        'auth',
        [
          'auth-missing-token',
          'auth-malformed-header',
          'auth-unknown-token',
          'auth-readonly-write',
          'auth-cross-user',
        ],
        checkAuth,
      ],
      ['negative data', ['negative-body', 'negative-path', 'negative-query'], checkNegativeData],
      ['unknown ids', ['unknown-id'], checkUnknownIds],
      ['undocumented methods', ['undocumented-method'], checkUndocumentedMethods],
      ['rate limit', ['rate-limit'], checkRateLimit],
    ];
    for (const [name, checks, run] of phases) {
      if (!checks.some(enabled)) continue;
      progress(`${name}…`);
      await run(ctx);
    }
  } catch (error) {
    if (!(error instanceof RunInterrupted)) throw error;
    interrupted = true;
    progress('interrupted: hanging up what the run started');
  } finally {
    await ledger.hangUpAll();
    await restoreWebhook?.().catch(() => notes.push('could not restore the texts webhook'));
    await receiver.close();
  }
  return {
    matrix,
    created: ledger.created,
    requests: target.requestCount,
    durationMs: Date.now() - started,
    interrupted,
    baseUrl: options.baseUrl,
    notes,
  };
}
