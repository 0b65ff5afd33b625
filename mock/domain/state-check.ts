import { type EndedReason, isEnded } from './call-progress.js';
import { DomainError } from './errors.js';
import type { Call, CallStatus, StateSnapshot } from './types.js';

type SnapshotCall = StateSnapshot['users'][string]['calls'][number];

// Which reasons each ending may carry (call-progress.ts and calls.ts end calls only this way).
const REASONS: Record<CallStatus, readonly (EndedReason | null)[]> = {
  queued: [null],
  ringing: [null],
  'in-progress': [null],
  completed: ['agent-hangup', 'callee-hangup', 'max-duration', 'transferred'],
  busy: ['busy'],
  'no-answer': ['no-answer'],
  failed: ['carrier-error'],
  canceled: ['canceled'],
};

// Statuses a call can only have reached by being answered, and those it can only have without.
const ANSWERED: ReadonlySet<CallStatus> = new Set(['in-progress', 'completed']);
const UNANSWERED: ReadonlySet<CallStatus> = new Set(['queued', 'ringing', 'busy', 'no-answer', 'failed']);

/** The caps a state must respect, as the running mock has them. */
export interface StateLimits {
  maxAgents: number;
}

const ms = (iso: string | null) => (iso === null ? undefined : Date.parse(iso));

/** What in one call contradicts itself, as [field under the call, why], or undefined. */
export function callContradiction({ call, outcome }: SnapshotCall): [string, string] | undefined {
  const answered = call.answeredAt !== null;
  if (!REASONS[call.status].includes(call.endedReason))
    return ['call/endedReason', `${JSON.stringify(call.endedReason)} cannot end a ${call.status} call`];
  if ((call.answeredBy !== null) !== answered)
    return ['call/answeredBy', 'is set exactly when answeredAt is'];
  if (ANSWERED.has(call.status) && !answered)
    return ['call/answeredAt', `a ${call.status} call has been answered`];
  if (UNANSWERED.has(call.status) && answered)
    return ['call/answeredAt', `a ${call.status} call was never answered`];
  if ((call.endedAt !== null) !== isEnded(call.status))
    return ['call/endedAt', `is set exactly when the call has ended (it is ${call.status})`];
  if (call.durationSeconds !== null && !(answered && isEnded(call.status)))
    return ['call/durationSeconds', 'is set only on a call that was answered and has ended'];
  const [created, updated, answer, ended] = [
    ms(call.createdAt),
    ms(call.updatedAt),
    ms(call.answeredAt),
    ms(call.endedAt),
  ];
  if ((created as number) > (updated as number)) return ['call/updatedAt', 'is before createdAt'];
  if (answer !== undefined && answer < (created as number)) return ['call/answeredAt', 'is before createdAt'];
  if (ended !== undefined && ended < (answer ?? (created as number)))
    return ['call/endedAt', 'is before the call was created or answered'];
  const o = outcome as { kind: string; answeredBy?: string };
  if (answered && o.kind !== 'answered')
    return ['outcome/kind', `the call was answered, so its outcome cannot be ${o.kind}`];
  if (call.answeredBy !== null && o.answeredBy !== call.answeredBy)
    return ['outcome/answeredBy', `disagrees with the call's answeredBy (${call.answeredBy})`];
  return undefined;
}

function firstProblem(snapshot: StateSnapshot, limits: StateLimits): [string, string] | undefined {
  // Ids are unique across users: the mock hands them out from one generator, and an id used twice
  // would let one user's record stand in for another's.
  const seen = new Map<string, string>();
  const once = (id: string, path: string): [string, string] | undefined => {
    const first = seen.get(id);
    if (first !== undefined) return [path, `${id} is already used at ${first}`];
    seen.set(id, path);
    return undefined;
  };
  for (const [userId, data] of Object.entries(snapshot.users)) {
    const base = `/users/${userId.replaceAll('~', '~0').replaceAll('/', '~1')}`;
    if (data.agents.length > limits.maxAgents)
      return [
        `${base}/agents`,
        `holds ${data.agents.length} agents; the mock keeps at most ${limits.maxAgents} per user`,
      ];
    const agents = new Set<string>();
    for (const [i, { agent, persona, sampleUrls }] of data.agents.entries()) {
      const at = `${base}/agents/${i}`;
      const dup =
        once(agent.id, `${at}/agent/id`) ?? (persona ? once(persona.id, `${at}/persona/id`) : undefined);
      if (dup) return dup;
      agents.add(agent.id);
      if (persona && persona.agentId !== agent.id) return [`${at}/persona/agentId`, `is not ${agent.id}`];
      if (agent.hasPersona !== (persona !== null))
        return [
          `${at}/agent/hasPersona`,
          `is ${agent.hasPersona} but the persona is ${persona ? 'there' : 'null'}`,
        ];
      const clone = agent.voice.type === 'clone';
      if (clone ? sampleUrls.length !== agent.voice.sampleCount : sampleUrls.length > 0)
        return [`${at}/sampleUrls`, `a ${agent.voice.type} voice with ${agent.voice.sampleCount} samples`];
      if (!clone && agent.voice.sampleCount !== 0)
        return [
          `${at}/agent/voice/sampleCount`,
          `is ${agent.voice.sampleCount}, but a stock voice has no samples`,
        ];
    }
    for (const [i, record] of data.calls.entries()) {
      const at = `${base}/calls/${i}`;
      const dup = once(record.call.id, `${at}/call/id`);
      if (dup) return dup;
      if (!agents.has(record.call.agentId))
        return [`${at}/call/agentId`, `${record.call.agentId} is not an agent of ${userId}`];
      const contradiction = callContradiction(record as SnapshotCall & { call: Call });
      if (contradiction) return [`${at}/${contradiction[0]}`, contradiction[1]];
    }
    for (const [i, text] of data.texts.entries()) {
      const dup = once(text.id, `${base}/texts/${i}/id`);
      if (dup) return dup;
    }
  }
  return undefined;
}

/**
 * Refuses a state export that the mock could not have produced: an id used twice (in one user or
 * across users), more agents than a user may have, a call whose agent is missing, a call whose status, times, `answeredBy` and
 * `endedReason` disagree. Throws a DomainError at the first such field (`/body/users/…`).
 */
export function checkSnapshot(snapshot: StateSnapshot, limits: StateLimits): void {
  const problem = firstProblem(snapshot, limits);
  if (!problem) return;
  const [path, why] = problem;
  throw new DomainError(
    'invalid',
    'invalid_state',
    `The state cannot be imported: ${path} ${why}.`,
    `/body${path}`,
  );
}
