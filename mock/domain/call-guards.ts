import { isEnded } from './call-progress.js';
import { DomainError } from './errors.js';
import type { CallStatus } from './types.js';

/** What the guards read of a call. */
interface CallState {
  id: string;
  status: CallStatus;
}

/** 409 `call_ended` for a call that has ended: terminal states never change. */
export function refuseEnded(call: CallState): void {
  if (isEnded(call.status)) {
    throw new DomainError('conflict', 'call_ended', `Call ${call.id} has ended (${call.status}).`);
  }
}

/** 409 unless the call is in progress: what respond, audio, route and the callee's events need. */
export function refuseUnlessInProgress(call: CallState): void {
  refuseEnded(call);
  if (call.status !== 'in-progress') {
    throw new DomainError(
      'conflict',
      'call_not_answered',
      `Call ${call.id} is ${call.status}; it has not been answered yet.`,
    );
  }
}
