import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One delivery the receiver got. */
export interface Delivery {
  headers: Record<string, string>;
  body: string;
}

/** A local HTTP server that takes webhooks, answers 204, and keeps what it got. */
export class WebhookReceiver {
  readonly deliveries: Delivery[] = [];
  #server: Server | undefined;
  #waiters: Array<() => void> = [];

  async listen(port: number): Promise<number> {
    this.#server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const headers: Record<string, string> = {};
        for (const [name, value] of Object.entries(req.headers))
          if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(', ') : value;
        this.deliveries.push({ headers, body: Buffer.concat(chunks).toString('utf8') });
        res.writeHead(204).end();
        for (const wake of this.#waiters.splice(0)) wake();
      });
    });
    await new Promise<void>((resolve, reject) => {
      this.#server?.once('error', reject);
      this.#server?.listen(port, '127.0.0.1', resolve);
    });
    return (this.#server.address() as AddressInfo).port;
  }

  /** Waits until `done()` holds for the deliveries so far, or the deadline passes. */
  async waitUntil(done: (deliveries: Delivery[]) => boolean, deadline: number): Promise<boolean> {
    while (!done(this.deliveries)) {
      const left = deadline - Date.now();
      if (left <= 0) return false;
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, Math.min(left, 250));
        this.#waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
    return true;
  }

  async close(): Promise<void> {
    const server = this.#server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
