import type { RunSummary } from '../campaigns/campaign-ledger.js';
import type { DoubleAnswer } from '../campaigns/types.js';
import type { CatalogEntry } from './scenario-catalog.js';
import type { ScriptState } from './script-steps.js';
import type { BrainTurn, ScenarioRun } from './types.js';

/** A scenario run as the book keeps it. */
export interface RunRecord {
  userId: string;
  callId: string;
  entry: CatalogEntry;
  population: string | null;
  state: ScriptState;
  startedAt: string;
  doubleAnswer: DoubleAnswer | null;
  brainTurns: BrainTurn[];
  cancels: Array<() => void>;
}

/** A run as the admin API shows it (a copy: the caller may keep it). */
export function view(run: RunRecord, iso: (at: number) => string): ScenarioRun {
  const { state } = run;
  return structuredClone({
    callId: run.callId,
    userId: run.userId,
    scenario: run.entry.scenario.name,
    population: run.population,
    status: state.status,
    reason: state.reason,
    startedAt: run.startedAt,
    settledAt: state.settledAt === null ? null : iso(state.settledAt),
    steps: state.steps,
    brainTurns: run.brainTurns,
    doubleAnswer: run.doubleAnswer,
  });
}

/** A failure's example, as the campaign ledger keeps it for the report (the run keeps it whole). */
const MAX_EXAMPLE_CHARS = 240;

/** What the report keeps of a run: its outcome, the app's latencies and its failure. */
export function summaryOf(run: RunRecord): RunSummary {
  const { state } = run;
  const latencies: number[] = [];
  for (const step of state.steps) if (step.latencyMs !== null) latencies.push(step.latencyMs);
  const failure = state.failure;
  return {
    scenario: run.entry.scenario.name,
    status: state.status,
    latencies,
    failure: failure && {
      step: failure.path,
      expected: failure.expected,
      reason: failure.why,
      example:
        failure.happened.length > MAX_EXAMPLE_CHARS
          ? `${failure.happened.slice(0, MAX_EXAMPLE_CHARS - 1)}…`
          : failure.happened,
    },
  };
}
