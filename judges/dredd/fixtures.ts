import { setTimeout as sleep } from 'node:timers/promises';
import { createTelephonyClient, type TelephonyClient } from '../../client/client.js';

/** The ids Dredd's transactions need, created on the target before (or while) they run. */
export interface CarriedIds {
  /** An agent with a stock voice and the longest allowed calls; every call is made with it. */
  callAgentId: string;
  /** The agent that agent transactions act on (the one `createAgent` made, once it has run). */
  agentId: string;
  /** The call `createCall` made; `getCall` reads it and `hangUpCall` ends it. */
  callId?: string;
  /** A call answered and in progress, for respond / audio / route. */
  liveCallId?: string;
  /** The SMS `sendText` made. */
  textId?: string;
}

function must<T>(what: string, result: { data?: T; error?: unknown; response: Response }): T {
  if (result.data === undefined)
    throw new Error(`${what}: ${result.response.status} ${JSON.stringify(result.error ?? null)}`);
  return result.data;
}

/** Creates what the Dredd transactions act on, through the API itself (the target is any deployment). */
export class DreddFixtures {
  readonly client: TelephonyClient;
  readonly #baseUrl: string;
  readonly #answerTimeoutMs: number;

  constructor(baseUrl: string, token: string, answerTimeoutMs = 30_000) {
    this.client = createTelephonyClient({ baseUrl, token });
    this.#baseUrl = baseUrl;
    this.#answerTimeoutMs = answerTimeoutMs;
  }

  async createAgent(name: string): Promise<string> {
    const body = { name, maxCallDurationSeconds: 14_400 };
    return must('create agent', await this.client.POST('/agents', { body })).id;
  }

  async createCall(agentId: string, to = '+14155550123'): Promise<string> {
    return must('create call', await this.client.POST('/calls', { body: { to, agentId } })).id;
  }

  async hangUp(callId: string): Promise<void> {
    const params = { path: { callId } };
    must('hang up call', await this.client.PUT('/calls/{callId}/hangup', { params }));
  }

  /** A call that has ended: actions on it must get 409. */
  async endedCall(agentId: string): Promise<string> {
    const callId = await this.createCall(agentId);
    await this.hangUp(callId);
    return callId;
  }

  /** Creates a call and waits until it is answered; calls ring before they can be acted on. */
  async liveCall(agentId: string): Promise<string> {
    const callId = await this.createCall(agentId);
    const deadline = Date.now() + this.#answerTimeoutMs;
    for (;;) {
      const params = { path: { callId } };
      const call = must('get call', await this.client.GET('/calls/{callId}', { params }));
      if (call.status === 'in-progress') return callId;
      if (call.status !== 'queued' && call.status !== 'ringing')
        throw new Error(`call ${callId} ended ${call.status} before it was answered`);
      if (Date.now() > deadline)
        throw new Error(`call ${callId} was not answered within ${this.#answerTimeoutMs} ms`);
      await sleep(50);
    }
  }

  async upsertPersona(agentId: string): Promise<void> {
    const params = { path: { agentId } };
    const body = { instructions: 'Answer briefly and politely.' };
    must('upsert persona', await this.client.POST('/agents/{agentId}/persona', { params, body }));
  }

  async setTextWebhook(url: string): Promise<void> {
    must('set texts webhook', await this.client.PUT('/texts/webhook', { body: { url } }));
  }

  /** Sends a raw request (used to spend an idempotency key before its conflicting replay). */
  async send(method: string, path: string, headers: Record<string, string>, body: string): Promise<number> {
    const response = await fetch(`${this.#baseUrl.replace(/\/$/, '')}${path}`, { method, headers, body });
    await response.arrayBuffer();
    return response.status;
  }
}
