import type { components } from '../../../spec/generated/admin-api.js';

import type { Telephony } from '../../domain/telephony.js';
import type { Call } from '../../domain/types.js';

type TimelineStep = components['schemas']['CallTimelineStep'];

/**
 * When each call entered each status, from the call's own times: created, answered and ended are
 * on the call; when it started ringing the domain keeps beside it (`CallBook.ringingAt`), so
 * nothing is noted per call here and an evicted call takes its times with it.
 */
export class CallTimelines {
  readonly #telephony: Telephony;

  constructor(telephony: Telephony) {
    this.#telephony = telephony;
  }

  /** Nothing to stop: the timelines listen to no event (kept for callers that stop them). */
  stop(): void {}

  /** The statuses the user's call went through, oldest first. */
  of(userId: string, call: Readonly<Call>): TimelineStep[] {
    const steps: TimelineStep[] = [{ status: 'queued', at: call.createdAt }];
    const ringingAt = this.#telephony.calls.ringingAt(userId, call.id);
    if (ringingAt !== undefined) steps.push({ status: 'ringing', at: new Date(ringingAt).toISOString() });
    if (call.answeredAt) steps.push({ status: 'in-progress', at: call.answeredAt });
    if (call.endedAt) steps.push({ status: call.status, at: call.endedAt });
    return steps;
  }
}
