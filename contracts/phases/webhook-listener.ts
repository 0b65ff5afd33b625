import type { CallWatch } from '../checks/call-watch.js';
import { WebhookReceiver } from '../checks/webhook-receiver.js';
import {
  CALL_EVENT_WEBHOOK,
  checkCallWebhooks,
  rememberWebhookSettings,
  takeWebhookSecret,
} from '../checks/webhooks.js';
import type { RunContext } from '../run-context.js';

/**
 * The runner's side of webhooks: remembers the user's webhook settings (the run changes them),
 * listens for deliveries when `webhooks` is on, and judges the lifecycle call's events.
 */
export class WebhookListener {
  readonly #ctx: RunContext;
  readonly #receiver = new WebhookReceiver();
  #secret: string | undefined;
  #restore: (() => Promise<void>) | undefined;

  constructor(ctx: RunContext) {
    this.#ctx = ctx;
  }

  /** Where the target should post call events, when the webhooks check listens. */
  get url(): string | undefined {
    return this.#ctx.fixtures.webhookUrl;
  }

  async open(notes: string[]): Promise<void> {
    const ctx = this.#ctx;
    if (ctx.options.readOnly) return;
    const settings = await rememberWebhookSettings(ctx);
    this.#restore = settings?.restore;
    if (settings && settings.previous === undefined)
      notes.push('set the texts webhook (none was set before, so it stays set)');
    if (!ctx.enabled('webhooks')) return;
    const port = await this.#receiver.listen(ctx.options.webhookPort);
    ctx.fixtures.webhookUrl = ctx.options.webhookUrl ?? `http://127.0.0.1:${port}/`;
    ctx.progress(`webhooks: listening on 127.0.0.1:${port}, target posts to ${ctx.fixtures.webhookUrl}`);
    this.#secret = await takeWebhookSecret(ctx, ctx.fixtures.webhookUrl);
  }

  /** `webhooks`: the events of the call the lifecycle followed. */
  async judge(watch: CallWatch | undefined): Promise<void> {
    const ctx = this.#ctx;
    if (!ctx.enabled('webhooks')) return;
    if (ctx.options.readOnly) return ctx.matrix.skip(CALL_EVENT_WEBHOOK, 'webhooks', '--read-only');
    if (!watch) return ctx.matrix.skip(CALL_EVENT_WEBHOOK, 'webhooks', 'no call was created');
    if (!this.#secret)
      return ctx.matrix.fail(
        CALL_EVENT_WEBHOOK,
        'webhooks',
        'the texts webhook settings gave no signing secret',
      );
    ctx.progress('webhooks: waiting for the call events');
    const deadline = Date.now() + ctx.options.timeoutMs;
    await checkCallWebhooks(
      ctx,
      watch,
      this.#secret,
      () => this.#receiver.deliveries,
      (done) => this.#receiver.waitUntil(done, deadline),
    );
  }

  /** Puts the settings back and stops listening; never throws (it runs on the way out). */
  async close(notes: string[]): Promise<void> {
    await this.#restore?.().catch(() => notes.push('could not restore the texts webhook'));
    await this.#receiver.close();
  }
}
