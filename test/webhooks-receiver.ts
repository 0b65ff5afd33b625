import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Telephony } from '../mock/domain/telephony.js';
import { WebhookDispatcher, type WebhookDispatcherOptions } from '../mock/webhooks/dispatcher.js';
import { loadSpec } from '../spec/spec.js';

/** One webhook as a test receiver got it. */
export interface ReceivedWebhook {
  path: string;
  headers: Record<string, string>;
  /** The raw body, exactly as sent (what signatures cover). */
  body: string;
  // biome-ignore lint/suspicious/noExplicitAny: tests read payload fields they have just validated.
  json: any;
}

/** How the receiver answers: a status and body, or never (`hang`). */
export type ReceiverAnswer = { status: number; body?: string | Buffer; contentType?: string } | 'hang';

/** A real `node:http` webhook receiver on 127.0.0.1, port 0, for tests. */
export class WebhookReceiver {
  readonly received: ReceivedWebhook[] = [];
  answer: (hook: ReceivedWebhook) => ReceiverAnswer = () => ({ status: 204 });
  readonly #server: Server;

  private constructor(server: Server) {
    this.#server = server;
  }

  static async start(): Promise<WebhookReceiver> {
    const server = createServer();
    const receiver = new WebhookReceiver(server);
    server.on('request', (req, res) => receiver.#handle(req, res));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    return receiver;
  }

  get url(): string {
    const { port } = this.#server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  /** Received payloads of one type, in arrival order. */
  ofType(type: string): ReceivedWebhook[] {
    return this.received.filter((r) => r.json?.type === type);
  }

  async close(): Promise<void> {
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(req.headers)) {
      if (typeof value === 'string') headers[name] = value;
    }
    let json: unknown;
    try {
      json = JSON.parse(body);
    } catch {
      json = undefined;
    }
    const hook: ReceivedWebhook = { path: req.url ?? '/', headers, body, json };
    this.received.push(hook);
    const answer = this.answer(hook);
    if (answer === 'hang') return;
    res.writeHead(answer.status, answer.contentType ? { 'content-type': answer.contentType } : {});
    res.end(answer.body);
  }
}

/** Polls until `check` passes (or throws its last failure after `tries` polls). */
export async function eventually<T>(check: () => T | Promise<T>, tries = 200): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await check();
    } catch (error) {
      if (i >= tries) throw error;
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  }
}

// Parsed once per test file: the dispatcher reads replies against the spec's TextWebhookReply.
let spec: ReturnType<typeof loadSpec> | undefined;

/** A manual-clock domain with a started dispatcher, a receiver and a ready agent for user `demo`. */
export async function webhookFixture(options: Omit<Partial<WebhookDispatcherOptions>, 'telephony'> = {}) {
  const telephony = new Telephony({ seed: 7, timeScale: 'manual' });
  spec ??= loadSpec();
  const replySchema = (await spec).document.components.schemas.TextWebhookReply ?? {};
  const dispatcher = new WebhookDispatcher({ telephony, replySchema, ...options });
  dispatcher.start();
  const receiver = await WebhookReceiver.start();
  const agent = telephony.agents.create('demo', { name: 'Ada', maxCallDurationSeconds: 60 });
  const dial = (to = '+14155550123', webhookUrl = `${receiver.url}/calls`) =>
    telephony.calls.create('demo', '+15005550100', { to, agentId: agent.id, webhookUrl });
  const close = async () => {
    await dispatcher.stop();
    await receiver.close();
  };
  return { telephony, dispatcher, receiver, dial, close };
}
