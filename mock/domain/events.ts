import type { Call, CallEventType, Text, TextEventType } from './types.js';

/** Something that happened in the domain, for webhooks and the inspector. `at` is the mock's clock. */
export type DomainEvent =
  | { kind: 'call'; type: CallEventType; userId: string; at: string; call: Call }
  | { kind: 'text'; type: TextEventType; userId: string; at: string; text: Text };

export type DomainEventListener = (event: DomainEvent) => void;
