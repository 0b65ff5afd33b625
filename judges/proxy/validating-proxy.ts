import { createServer, type IncomingMessage, request, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SPEC_PATH } from '../../spec/spec.js';
import { startPrismProxy } from './prism-process.js';
import { parseViolations, type SeenViolation } from './violations.js';

export interface ValidatingProxyOptions {
  upstream: string;
  /** 0 picks a free port. */
  port?: number;
  host?: string;
  specPath?: string;
  /** Called with each violation as soon as its exchange is seen. */
  onViolation?: (violation: SeenViolation) => void;
}

/** A running validating proxy: where to send traffic, what it has seen, how to stop it. */
export interface ValidatingProxy {
  url: string;
  violations: SeenViolation[];
  exchanges(): number;
  close(): Promise<void>;
}

/**
 * Prism's validating proxy with a thin front of our own: the front reads each response's `sl-violations`
 * header, so every violation is tied to its exact request (Prism's log interleaves concurrent ones).
 */
export async function startValidatingProxy(options: ValidatingProxyOptions): Promise<ValidatingProxy> {
  const prism = await startPrismProxy(options.specPath ?? SPEC_PATH, options.upstream);
  const target = new URL(prism.url);
  const violations: SeenViolation[] = [];
  let exchanges = 0;

  const forward = (req: IncomingMessage, res: ServerResponse) => {
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    const upstream = request(
      { host: target.hostname, port: target.port, method, path, headers: req.headers },
      (answer) => {
        exchanges += 1;
        const status = answer.statusCode ?? 0;
        for (const v of parseViolations(answer.headers['sl-violations'] as string | undefined)) {
          const seen: SeenViolation = {
            ...v,
            method,
            path,
            status,
            side: v.location[0] === 'response' ? 'response' : 'request',
          };
          violations.push(seen);
          options.onViolation?.(seen);
        }
        res.writeHead(status, answer.headers);
        answer.pipe(res);
      },
    );
    upstream.on('error', (error) => {
      if (res.headersSent) return void res.destroy();
      res.writeHead(502, { 'Content-Type': 'text/plain' }).end(`Prism proxy unreachable: ${error.message}\n`);
    });
    req.pipe(upstream);
  };

  const server = createServer(forward);
  try {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve);
    });
  } catch (error) {
    await prism.stop();
    throw error;
  }
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${options.host ?? '127.0.0.1'}:${port}`,
    violations,
    exchanges: () => exchanges,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await prism.stop();
    },
  };
}
