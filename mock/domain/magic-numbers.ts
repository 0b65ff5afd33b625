/**
 * The sandbox's magic numbers, the way telephony sandboxes pick outcomes (Twilio's test
 * numbers). This table is the one place they live; docs/behaviour.md documents it and every row is
 * tested.
 */
export type DialOutcome =
  | { kind: 'refused'; errorKind: 'invalid' | 'forbidden'; code: string; detail: string }
  | { kind: 'busy' }
  | { kind: 'no-answer' }
  | { kind: 'failed' }
  | { kind: 'answered'; answeredBy: 'human' | 'machine'; calleeHangsUpAfterMs?: number };

/** The outcome of a call that was placed (a refused number creates none). */
export type CallOutcome = Exclude<DialOutcome, { kind: 'refused' }>;

export const DIAL_OUTCOMES: Readonly<Record<string, DialOutcome>> = {
  '+15005550001': {
    kind: 'refused',
    errorKind: 'invalid',
    code: 'invalid_number',
    detail: 'The number +15005550001 is not a valid phone number.',
  },
  '+15005550002': {
    kind: 'refused',
    errorKind: 'invalid',
    code: 'unroutable_number',
    detail: 'The number +15005550002 cannot be reached from this account.',
  },
  '+15005550003': {
    kind: 'refused',
    errorKind: 'forbidden',
    code: 'destination_blocked',
    detail: 'Calls to +15005550003 are blocked for this account.',
  },
  '+15005550011': { kind: 'busy' },
  '+15005550012': { kind: 'no-answer' },
  '+15005550013': { kind: 'failed' },
  '+15005550014': { kind: 'answered', answeredBy: 'machine' },
  '+15005550015': { kind: 'answered', answeredBy: 'human', calleeHangsUpAfterMs: 5_000 },
};

const HUMAN: DialOutcome = { kind: 'answered', answeredBy: 'human' };

/** What happens when `to` is dialled: any number not in the table (or a sip: URI) is answered by a human. */
export function dialOutcome(to: string): DialOutcome {
  return DIAL_OUTCOMES[to] ?? HUMAN;
}

/** Route targets that fail; the call stays with the agent. */
export const ROUTE_FAILURES: Readonly<Record<string, 'busy' | 'no-answer'>> = {
  '+15005550021': 'busy',
  '+15005550022': 'no-answer',
};

/** SMS to this number cannot be delivered. */
export const UNDELIVERABLE_SMS_NUMBER = '+15005550009';

/** Voice samples at a URL whose path ends with this make cloning fail. */
export const CORRUPT_VOICE_SAMPLE_SUFFIX = '/corrupt.wav';
