import { Collection } from './collection.js';
import type { CallOutcome } from './magic-numbers.js';
import type { Agent, Call, Persona, Text, TextWebhook } from './types.js';

export interface CallRecord {
  id: string;
  call: Call;
  outcome: CallOutcome;
  /** When the call entered its current status, on the mock's clock (ms). */
  statusSince: number;
  /** Set when a scenario plays the callee: no generated callee line, and its own ringing time. */
  script?: { ringMs: number | undefined };
}

export interface AgentRecord {
  id: string;
  agent: Agent;
  persona: Persona | undefined;
  sampleUrls: string[];
}

/** Everything one user owns. Users never see each other's spaces. */
export class UserSpace {
  readonly calls: Collection<CallRecord>;
  readonly agents: Collection<AgentRecord>;
  readonly texts: Collection<Text>;
  textWebhook: TextWebhook | undefined;
  /** Signs the user's webhooks, texts and calls alike; made on first use. */
  webhookSecret: string | undefined;

  constructor(retain: number) {
    this.calls = new Collection(retain);
    // Agents never finish; they are few and kept as long as the user keeps them.
    this.agents = new Collection(retain);
    this.texts = new Collection(retain);
  }
}

/** The users' spaces, made on first use. */
export class Spaces {
  #spaces = new Map<string, UserSpace>();
  readonly retain: number;

  constructor(retain: number) {
    this.retain = retain;
  }

  of(userId: string): UserSpace {
    let space = this.#spaces.get(userId);
    if (!space) {
      space = new UserSpace(this.retain);
      this.#spaces.set(userId, space);
    }
    return space;
  }

  entries(): IterableIterator<[string, UserSpace]> {
    return this.#spaces.entries();
  }

  clear(): void {
    this.#spaces.clear();
  }
}
