import { signWebhook } from '../../client/webhooks.js';
import type { BrainAnswer, BrainRequest } from '../domain/scenarios/scenario-book.js';
import type { Telephony } from '../domain/telephony.js';
import { type PostOutcome, postWebhook } from './post-webhook.js';
import { WebhookTargetRule } from './webhook-target.js';

const MAX_SAY = 2000;

/** What a brain's 2xx answer says, or why it is not an answer: `{"say": "…"}`, `{"hangup": true}`, both, or `{}`. */
export function readBrainAnswer(text: string): { say: string | null; hangup: boolean } | { error: string } {
  const garbage = {
    error: `the brain's answer is not {"say": "…"} or {"hangup": true}: ${text.slice(0, 120)}`,
  };
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return garbage;
  }
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return garbage;
  const { say, hangup, ...rest } = parsed as { say?: unknown; hangup?: unknown };
  if (Object.keys(rest).length > 0) return garbage;
  if (
    say !== undefined &&
    say !== null &&
    (typeof say !== 'string' || say.length === 0 || say.length > MAX_SAY)
  )
    return garbage;
  if (hangup !== undefined && typeof hangup !== 'boolean') return garbage;
  return { say: typeof say === 'string' ? say : null, hangup: hangup === true };
}

/**
 * Asks scenarios' brains what the callee answers: each agent utterance is POSTed to the brain,
 * signed the Standard Webhooks way with the user's webhook secret, with a real-time timeout. Runs
 * in the background: no request of the API ever waits for a brain, and a slow, failing or
 * garbled brain fails the run (with the reason), nothing else.
 */
export class ScenarioBrain {
  readonly #telephony: Telephony;
  #unsubscribe: (() => void) | undefined;
  #stop = new AbortController();
  #inflight = new Set<Promise<void>>();

  readonly #targets: WebhookTargetRule;

  constructor(telephony: Telephony, targets: WebhookTargetRule = new WebhookTargetRule()) {
    this.#telephony = telephony;
    this.#targets = targets;
  }

  start(): void {
    this.#unsubscribe ??= this.#telephony.scenarios.onBrainRequest((request) => this.#ask(request));
  }

  /** Stops asking and aborts what is in flight; resolves once it has settled. */
  async stop(): Promise<void> {
    this.#unsubscribe?.();
    this.#unsubscribe = undefined;
    this.#stop.abort();
    this.#stop = new AbortController();
    await Promise.allSettled([...this.#inflight]);
  }

  #ask(request: BrainRequest): void {
    const body = JSON.stringify({ ...request.payload, turn: request.turn + 1 });
    const secret = this.#telephony.webhookSecret(request.userId);
    const headers = {
      'content-type': 'application/json',
      ...signWebhook(secret, `${request.callId}.turn-${request.turn + 1}`, body),
    };
    // The same rule as webhooks: never the mock's own admin API, by any name.
    const work = this.#targets
      .refuse(request.url)
      .then((refusal) =>
        refusal
          ? ({ statusCode: null, latencyMs: 0, error: refusal, answer: '', truncated: false } as PostOutcome)
          : postWebhook(request.url, body, headers, {
              timeoutMs: request.timeoutMs,
              stop: this.#stop.signal,
            }),
      )
      .then((outcome) => {
        let answer: BrainAnswer;
        if (outcome.error !== null)
          answer = { ok: false, error: outcome.error, latencyMs: outcome.latencyMs };
        else {
          const read = readBrainAnswer(outcome.answer);
          answer =
            'error' in read
              ? { ok: false, error: read.error, latencyMs: outcome.latencyMs }
              : { ok: true, ...read, latencyMs: outcome.latencyMs };
        }
        this.#telephony.scenarios.brainAnswered(request.callId, request.turn, answer);
      });
    // Acting on the answer cannot fail the API; if it fails at all, the run says so.
    const settled = work.catch((error: unknown) => {
      const reason = `the mock could not act on the answer: ${error instanceof Error ? error.message : String(error)}`;
      this.#telephony.scenarios.brainAnswered(request.callId, request.turn, {
        ok: false,
        error: reason,
        latencyMs: null,
      });
    });
    this.#inflight.add(settled);
    settled.then(() => this.#inflight.delete(settled));
  }
}
