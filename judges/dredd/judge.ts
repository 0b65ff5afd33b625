import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { loadSpec } from '../../spec/spec.js';
import { SpecValidators } from '../../spec/validators.js';
import { type CarriedIds, DreddFixtures } from './fixtures.js';
import { provokeStatus } from './provoke.js';
import {
  type DreddTransaction,
  fillPath,
  getHeader,
  operationIdOf,
  parseBody,
  setBodyField,
  setHeader,
  setQuery,
} from './transaction.js';

/** How the hooks reach the target: what run.ts passes down through the environment. */
export interface JudgeOptions {
  baseUrl: string;
  token: string;
  forbiddenToken?: string | undefined;
  faults: boolean;
  answerTimeoutMs?: number;
}

// Below this many requests left in the rate-limit window, wait for the next one (fixtures spend some too).
const RATE_LIMIT_MARGIN = 12;
const CALL_ACTIONS = ['respondToCall', 'injectCallAudio', 'routeCall'];

/**
 * The logic behind Dredd's hooks: sets each transaction up against the live target (token, carried ids,
 * the non-2xx case provoked or skipped) and judges each response body with Ajv against the 3.1 spec.
 */
export class DreddJudge {
  readonly #options: JudgeOptions;
  readonly #validators: SpecValidators;
  readonly #fixtures: DreddFixtures;
  #ids: CarriedIds;
  #remaining = Number.POSITIVE_INFINITY;

  private constructor(options: JudgeOptions, validators: SpecValidators, ids: CarriedIds) {
    this.#options = options;
    this.#validators = validators;
    this.#fixtures = new DreddFixtures(options.baseUrl, options.token, options.answerTimeoutMs);
    this.#ids = ids;
  }

  /** Loads the spec and creates the agent and the answered call that the transactions act on. */
  static async start(options: JudgeOptions): Promise<DreddJudge> {
    const validators = new SpecValidators(await loadSpec());
    const fixtures = new DreddFixtures(options.baseUrl, options.token, options.answerTimeoutMs);
    const callAgentId = await fixtures.createAgent('Dredd caller');
    const judge = new DreddJudge(options, validators, { callAgentId, agentId: callAgentId });
    judge.#ids.liveCallId = await fixtures.liveCall(callAgentId);
    return judge;
  }

  /** Before each transaction: authenticate, fill in carried ids, provoke its status or skip it. */
  async prepare(t: DreddTransaction): Promise<void> {
    const opId = operationIdOf(this.#validators.spec, t);
    if (!opId) {
      t.skip = true;
      return;
    }
    await this.#pace();
    const operation = this.#validators.operation(opId);
    const status = Number(t.expected.statusCode);
    setHeader(t.request.headers, 'Authorization', `Bearer ${this.#options.token}`);
    if (getHeader(t.request.headers, 'Idempotency-Key') !== undefined)
      setHeader(t.request.headers, 'Idempotency-Key', `dredd-${randomUUID()}`);
    // The example cursor belongs to no real page; a target may rightly refuse it.
    setQuery(t, 'cursor', undefined);
    const ids = this.#ids;
    const callId = CALL_ACTIONS.includes(opId) ? ids.liveCallId : ids.callId;
    fillPath(t, {
      agentId: ids.agentId,
      ...(callId ? { callId } : {}),
      ...(ids.textId ? { textId: ids.textId } : {}),
    });
    if (opId === 'createCall') setBodyField(t, 'agentId', ids.callAgentId);
    if (status < 300) await this.#prepareSuccess(t, opId, status);
    else {
      const reason = await provokeStatus(t, status, {
        operation,
        fixtures: this.#fixtures,
        ids,
        forbiddenToken: this.#options.forbiddenToken,
        faults: this.#options.faults,
        maxBodyBytes: this.#validators.spec.maxBodyBytes,
      });
      if (reason) {
        t.skip = true;
        process.stderr.write(`skip: ${t.name}: ${reason}\n`);
      }
    }
  }

  async #prepareSuccess(t: DreddTransaction, opId: string, status: number): Promise<void> {
    if (opId === 'getTextWebhook') await this.#fixtures.setTextWebhook('https://app.example.com/hooks/sms');
    if (opId === 'getAgentPersona') await this.#fixtures.upsertPersona(this.#ids.agentId);
    if (opId === 'upsertAgentPersona') {
      // 200 replaces the persona an agent has; 201 creates the first one of a new agent.
      if (status === 200) await this.#fixtures.upsertPersona(this.#ids.agentId);
      else fillPath(t, { agentId: await this.#fixtures.createAgent('Dredd persona') });
    }
  }

  /** After the response, before Dredd's own checks: normalise, carry ids, judge the body with Ajv. */
  judge(t: DreddTransaction): void {
    const real = t.real;
    const opId = operationIdOf(this.#validators.spec, t);
    if (!real || !opId) return;
    const remaining = Number(getHeader(real.headers, 'X-RateLimit-Remaining'));
    if (Number.isFinite(remaining)) this.#remaining = remaining;
    const contentType = getHeader(real.headers, 'Content-Type');
    const expectedType = t.expected.headers ? getHeader(t.expected.headers, 'Content-Type') : undefined;
    // Dredd compares Content-Type byte for byte; `application/json; charset=utf-8` is the same type.
    if (contentType && expectedType && contentType.split(';')[0]?.trim().toLowerCase() === expectedType)
      setHeader(real.headers, 'Content-Type', expectedType);
    const body = parseBody(real.body);
    if (real.statusCode < 300) this.#carry(opId, body);
    const headers = Object.fromEntries(Object.entries(real.headers).map(([k, v]) => [k.toLowerCase(), v]));
    const errors = this.#validators.validateResponse(opId, {
      status: real.statusCode,
      headers,
      contentType,
      body,
    });
    // Dredd's own body check wants every key of the spec's example, optional ones too (the example call
    // has a webhookUrl). Ajv judges the body against the schema instead, which is the contract; with
    // Dredd's check satisfied, a failure below is reported with Ajv's field errors.
    if (real.statusCode === Number(t.expected.statusCode)) t.expected.body = real.body;
    if (errors.length > 0) {
      t.fail = `response does not match openapi.yaml: ${errors.map((e) => `${e.path} ${e.message}`).join('; ')}`;
      process.stderr.write(`fail: ${t.name}: ${t.fail}\n`);
    }
  }

  #carry(opId: string, body: unknown): void {
    const id = (body as { id?: unknown } | undefined)?.id;
    if (typeof id !== 'string') return;
    if (opId === 'createAgent') this.#ids.agentId = id;
    if (opId === 'createCall') this.#ids.callId = id;
    if (opId === 'sendText') this.#ids.textId = id;
  }

  // Keeps the run inside the target's rate limit: it is a real limit, and Dredd would read 429s as failures.
  async #pace(): Promise<void> {
    if (this.#remaining > RATE_LIMIT_MARGIN) return;
    for (;;) {
      const { response } = await this.#fixtures.client.GET('/agents', { params: { query: { limit: 1 } } });
      const remaining = Number(response.headers.get('x-ratelimit-remaining'));
      if (response.status !== 429 && remaining > RATE_LIMIT_MARGIN) {
        this.#remaining = remaining;
        return;
      }
      const retryAfter = Number(response.headers.get('retry-after'));
      // Retry-After is in the target's seconds, which a mock with a fast clock makes shorter than ours.
      await sleep(Number.isFinite(retryAfter) && retryAfter > 0 ? Math.min(retryAfter * 1000, 500) : 500);
    }
  }
}
