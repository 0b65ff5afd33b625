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
