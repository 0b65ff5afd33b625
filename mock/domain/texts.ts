import type { DomainContext } from './context.js';
import { notFound } from './errors.js';
import { UNDELIVERABLE_SMS_NUMBER } from './magic-numbers.js';
import { TIMINGS } from './timings.js';
import type {
  InboundText,
  Page,
  PageRequest,
  SendTextRequest,
  Text,
  TextEventType,
  TextStatus,
  TextWebhook,
} from './types.js';
import { webhookSecretOf } from './webhook-secret.js';

type TextFilter = PageRequest & { direction?: Text['direction']; number?: string };

/**
 * SMS: outbound texts move `queued → sent → delivered` (or `failed`) on the mock's clock; inbound
 * texts arrive `received`. Every change is a `text.*` event, which the webhooks deliver.
 */
export class TextBook {
  #ctx: DomainContext;
  // Inbound texts a webhook already answered; a reset or import makes new texts, with no answer yet.
  #answered = new WeakSet<Text>();

  constructor(ctx: DomainContext) {
    this.#ctx = ctx;
  }

  send(userId: string, from: string, input: SendTextRequest): Text {
    if (input.inReplyTo) this.get(userId, input.inReplyTo);
    const text = this.#add(userId, {
      direction: 'outbound',
      from: input.from ?? from,
      to: input.to,
      body: input.body,
      status: 'queued',
      inReplyTo: input.inReplyTo ?? null,
    });
    this.resume(userId, text);
    return text;
  }

  /** An SMS arrives for the user (from the admin API or the inspector). */
  receive(userId: string, to: string, input: InboundText): Text {
    const text = this.#add(userId, {
      direction: 'inbound',
      from: input.from,
      to: input.to ?? to,
      body: input.body,
      status: 'received',
      inReplyTo: null,
    });
    this.#ctx.spaces.of(userId).texts.finish(text.id);
    this.#ctx.emit({
      kind: 'text',
      type: 'text.received',
      userId,
      at: text.createdAt,
      text: structuredClone(text),
    });
    return text;
  }

  get(userId: string, textId: string): Text {
    const text = this.#ctx.spaces.of(userId).texts.get(textId);
    if (!text) throw notFound('text', textId);
    return text;
  }

  list(userId: string, filter: TextFilter): Page<Text> {
    const { direction, number } = filter;
    const keep =
      direction || number
        ? (t: Text) =>
            (!direction || t.direction === direction) && (!number || t.from === number || t.to === number)
        : undefined;
    return this.#ctx.spaces.of(userId).texts.page(filter, keep);
  }

  setWebhook(userId: string, url: string): TextWebhook {
    const space = this.#ctx.spaces.of(userId);
    // The secret stays the same when the URL changes, as integrators store it once.
    space.textWebhook = { url, secret: webhookSecretOf(this.#ctx, userId), updatedAt: this.#ctx.clock.iso() };
    return space.textWebhook;
  }

  /**
   * The texts webhook answered an inbound SMS with `{"reply": body}`: the reply goes back to the
   * sender, from the number the SMS was sent to. One reply per inbound SMS, however often it is
   * delivered again; a later answer sends nothing and returns undefined.
   */
  replyByWebhook(userId: string, inboundId: string, body: string): Text | undefined {
    const inbound = this.get(userId, inboundId);
    if (inbound.direction !== 'inbound' || this.#answered.has(inbound)) return undefined;
    this.#answered.add(inbound);
    return this.send(userId, inbound.to, { to: inbound.from, from: inbound.to, body, inReplyTo: inbound.id });
  }

  getWebhook(userId: string): TextWebhook {
    const hook = this.#ctx.spaces.of(userId).textWebhook;
    if (!hook) throw notFound('text_webhook', `for this account (set one with PUT /texts/webhook)`);
    return hook;
  }

  /** Schedules the next status of an outbound text from the one it has. */
  resume(userId: string, text: Text): void {
    const since = Date.parse(text.updatedAt);
    if (text.status === 'queued') {
      this.#ctx.clock.schedule(
        since + TIMINGS.textQueuedToSent,
        () => this.#move(userId, text, text.to === UNDELIVERABLE_SMS_NUMBER ? 'failed' : 'sent'),
        { what: `sending text ${text.id} (user ${userId})` },
      );
    } else if (text.status === 'sent') {
      this.#ctx.clock.schedule(
        since + TIMINGS.textSentToDelivered,
        () => this.#move(userId, text, 'delivered'),
        { what: `delivering text ${text.id} (user ${userId})` },
      );
    }
  }

  #add(userId: string, fields: Omit<Text, 'id' | 'createdAt' | 'updatedAt' | 'errorCode'>): Text {
    const at = this.#ctx.clock.iso();
    const text: Text = {
      id: this.#ctx.gen.id('txt'),
      ...fields,
      errorCode: null,
      createdAt: at,
      updatedAt: at,
    };
    this.#ctx.spaces.of(userId).texts.add(text);
    return text;
  }

  #move(userId: string, text: Text, status: Extract<TextStatus, 'sent' | 'delivered' | 'failed'>): void {
    text.status = status;
    text.updatedAt = this.#ctx.clock.iso();
    if (status === 'failed') (text as { errorCode: Text['errorCode'] }).errorCode = 'undeliverable';
    const type: TextEventType = `text.${status}`;
    this.#ctx.emit({ kind: 'text', type, userId, at: text.updatedAt, text: structuredClone(text) });
    if (status === 'sent') this.resume(userId, text);
    else this.#ctx.spaces.of(userId).texts.finish(text.id);
  }
}
