import type { components } from '../../src/admin-api.js';

import type { Telephony } from '../domain/telephony.js';
import type { Call } from '../domain/types.js';

type TimelineStep = components['schemas']['CallTimelineStep'];

/**
 * When each call entered each status. A call carries its creation, answer and end times but not
 * when it started ringing, so the inspector listens to the domain's events and notes every change.
 * Notes hang off the domain's call in a WeakMap: evicted calls take theirs with them, and a reset
 * (which makes new records, maybe with the same seeded ids) cannot inherit stale ones.
 */
export class CallTimelines {
  #steps = new WeakMap<Readonly<Call>, TimelineStep[]>();
  readonly stop: () => void;

  constructor(telephony: Telephony) {
    this.stop = telephony.onEvent((event) => {
      if (event.kind !== 'call') return;
      // The event carries a snapshot; the notes hang off the domain's own call.
      const call = telephony.calls.find(event.userId, event.call.id);
      if (!call) return;
      const steps = this.#steps.get(call) ?? [];
      if (steps[steps.length - 1]?.status !== event.call.status) {
        steps.push({ status: event.call.status, at: event.at });
        this.#steps.set(call, steps);
      }
    });
  }

  /** The statuses the call went through, oldest first; what was not seen is taken from the call's own times. */
  of(call: Readonly<Call>): TimelineStep[] {
    const seen = this.#steps.get(call) ?? [];
    const steps: TimelineStep[] = [{ status: 'queued', at: call.createdAt }, ...seen];
    const has = (status: TimelineStep['status']) => steps.some((step) => step.status === status);
    if (call.answeredAt && !has('in-progress')) steps.push({ status: 'in-progress', at: call.answeredAt });
    if (call.endedAt && !has(call.status)) steps.push({ status: call.status, at: call.endedAt });
    // Stable: steps at the same instant keep the order they happened in.
    return steps.sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
  }
}
