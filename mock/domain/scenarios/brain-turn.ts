import type { Call } from '../types.js';
import type { Utterance } from './types.js';

/** A brain must be asked what the callee answers (mock/webhooks/scenario-brain.ts asks it). */
export interface BrainRequest {
  userId: string;
  callId: string;
  turn: number;
  url: string;
  timeoutMs: number;
  /** The body to POST: the scenario, the call (with its transcript) and the utterance. */
  payload: { type: 'scenario.turn'; scenario: string; utterance: Utterance; call: Call };
}

/** What the brain answered: words, a hang-up or silence, or why the turn failed. */
export type BrainAnswer =
  | { ok: true; say: string | null; hangup: boolean; latencyMs: number }
  | { ok: false; error: string; latencyMs: number | null };
