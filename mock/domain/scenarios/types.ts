import type { components } from '../../../spec/generated/admin-api.js';

// Scenarios and their runs in exactly the shapes mock/admin-openapi.yaml gives them.
type Schemas = components['schemas'];
export type Scenario = Schemas['Scenario'];
export type ScenarioStep = Schemas['ScenarioStep'];
export type ScenarioExpect = Schemas['ScenarioExpect'];
export type UtteranceMatch = Schemas['AgentUtteranceMatch'];
export type ScenarioRun = Schemas['ScenarioRun'];
export type ScenarioRunStatus = Schemas['ScenarioRunStatus'];
export type StepVerdict = Schemas['ScenarioStepVerdict'];
export type BrainTurn = Schemas['ScenarioBrainTurn'];
export type StepKind = StepVerdict['kind'];

/** Something the agent did that the callee hears: words (greeting, respond) or audio played. */
export interface Utterance {
  kind: 'speech' | 'audio';
  /** The words, or the audio's URL (or a description of inline audio). */
  text: string;
}
