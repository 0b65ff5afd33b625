import type { CallProgress, CallStep } from './call-progress.js';
import { Collection } from './collection.js';
import type { StoredCall } from './stored-call.js';
import type { Agent, Persona, Text, TextWebhook } from './types.js';

/** What `nextSteps` reads of a call (call-progress.ts), under the name it had when calls were stored so. */
export type CallRecord = CallProgress;

export interface AgentRecord {
  id: string;
  agent: Agent;
  persona: Persona | undefined;
  sampleUrls: string[];
}

/** Everything one user owns. Users never see each other's spaces. */
export class UserSpace {
  readonly calls: Collection<StoredCall<CallStep>>;
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
