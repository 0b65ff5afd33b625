import { loadSpec } from '../spec/spec.js';
import { checkLifecycle } from './checks/lifecycle.js';
import { Coverage, type CoverageReport } from './coverage.js';
import type { ContractOptions } from './options.js';
import { checkOptions } from './phases/check-options.js';
import { runOperationChecks } from './phases/operation-checks.js';
import { probeTarget } from './phases/probe.js';
import { createRunContext } from './phases/run-context-setup.js';
import { setUpFixtures } from './phases/set-up-fixtures.js';
import { WebhookListener } from './phases/webhook-listener.js';
import type { ResultMatrix } from './results.js';
import type { RunContext } from './run-context.js';
import type { CreatedResource } from './run-ledger.js';
import { RunInterrupted } from './target.js';

export { ContractUsageError } from './phases/check-options.js';

/** What a run found and what it left behind. */
export interface ContractRun {
  matrix: ResultMatrix;
  created: CreatedResource[];
  requests: number;
  durationMs: number;
  interrupted: boolean;
  baseUrl: string;
  notes: string[];
  /** What of the spec the run exercised, per operation. */
  coverage: CoverageReport;
}

// Creates a call, follows and acts on it (lifecycle, positive data of the call actions), then judges its webhooks.
async function followACall(ctx: RunContext, webhooks: WebhookListener): Promise<void> {
  if (!(['lifecycle', 'positive-data', 'webhooks'] as const).some(ctx.enabled)) return;
  ctx.progress('lifecycle: create a call, follow it, act on it, hang up');
  const watch = await checkLifecycle(ctx, webhooks.url);
  await webhooks.judge(watch);
}

const title = (ctx: RunContext) =>
  String((ctx.spec.document.info as { title?: string } | undefined)?.title ?? 'the spec');

/** Runs the contract suite against `options.baseUrl`; throws TargetUnreachable or ContractUsageError when it cannot. */
export async function runContractSuite(
  options: ContractOptions,
  hooks: { progress?: (line: string) => void; signal?: AbortSignal } = {},
): Promise<ContractRun> {
  const started = Date.now();
  const spec = await loadSpec(options.specPath);
  const selection = checkOptions(spec, options);
  const ctx = createRunContext(spec, options, selection, {
    progress: hooks.progress ?? (() => {}),
    signal: hooks.signal,
  });
  const coverage = new Coverage();
  ctx.target.onExchange((request, exchange) => coverage.observe(request.operationId, exchange));
  ctx.progress(`checking ${options.baseUrl} against ${title(ctx)}`);
  await probeTarget(ctx);
  const notes: string[] = [];
  const webhooks = new WebhookListener(ctx);
  let interrupted = false;
  try {
    await webhooks.open(notes);
    await setUpFixtures(ctx);
    await followACall(ctx, webhooks);
    await runOperationChecks(ctx);
  } catch (error) {
    if (!(error instanceof RunInterrupted)) throw error;
    interrupted = true;
    ctx.progress('interrupted: hanging up what the run started');
  } finally {
    await ctx.ledger.hangUpAll();
    await webhooks.close(notes);
  }
  const { waitedMs, rateLimited } = ctx.target.pacer;
  if (waitedMs > 0 || rateLimited > 0)
    notes.push(
      `paced by the rate-limit headers: waited ${(waitedMs / 1000).toFixed(1)} s for windows to reset; ${rateLimited} answers of 429`,
    );
  return {
    matrix: ctx.matrix,
    created: ctx.ledger.created,
    requests: ctx.target.requestCount,
    durationMs: Date.now() - started,
    interrupted,
    baseUrl: options.baseUrl,
    notes,
    coverage: coverage.report(spec, selection.operationIds, ctx.matrix, options, selection.enabled),
  };
}
