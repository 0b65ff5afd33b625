import {
  createServer,
  request as httpRequest,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { ProxiedExchange } from './judge-exchange.js';
import type { Violation } from './violations.js';

/** A running proxy: where to send traffic, what it has seen, how to stop it. */
export interface ValidatingProxy {
  url: string;
  violations: Violation[];
  exchanges(): number;
  close(): Promise<void>;
}

// Hop-by-hop headers (RFC 9110 §7.6.1) belong to one connection, not to the message; Host names the upstream.
const HOP_BY_HOP = new Set([
  'connection',
  'keep-alive',
  'proxy-connection',
  'upgrade',
  'te',
  'trailer',
  'host',
]);

function endToEnd(headers: IncomingHttpHeaders): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(headers))
    if (value !== undefined && !HOP_BY_HOP.has(name))
      out[name] = Array.isArray(value) ? value.join(', ') : value;
  return out;
}

async function readAll(stream: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Sends the request on to `upstream` (its path prefixed by the upstream's) and reads the whole answer. */
function forward(upstream: URL, method: string, path: string, headers: Record<string, string>, body: Buffer) {
  return new Promise<{ status: number; headers: IncomingHttpHeaders; body: Buffer }>((resolve, reject) => {
    const send = upstream.protocol === 'https:' ? httpsRequest : httpRequest;
    const outgoing = send(
      {
        protocol: upstream.protocol,
        hostname: upstream.hostname,
        port: upstream.port,
        method,
        path: `${upstream.pathname.replace(/\/$/, '')}${path}`,
        headers: { ...headers, host: upstream.host },
      },
      (answer) => {
        readAll(answer).then(
          (data) => resolve({ status: answer.statusCode ?? 0, headers: answer.headers, body: data }),
          reject,
        );
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body.length > 0 ? body : undefined);
  });
}

/**
 * An HTTP proxy in front of `upstream` that forwards every request and answer unchanged (less the
 * hop-by-hop headers; Host names the upstream), then hands the exchange to `judge` and reports what
 * it found through `onViolation` as it happens.
 */
export async function startForwardingServer(options: {
  upstream: string;
  port?: number | undefined;
  host?: string | undefined;
  judge: (exchange: ProxiedExchange) => Violation[];
  onViolation?: ((violation: Violation) => void) | undefined;
  onClose?: () => Promise<void>;
}): Promise<ValidatingProxy> {
  const upstream = new URL(options.upstream);
  const violations: Violation[] = [];
  let exchanges = 0;

  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    const requestHeaders = endToEnd(req.headers);
    const requestBody = await readAll(req);
    const exchange: ProxiedExchange = {
      method,
      path,
      requestHeaders,
      requestBody,
      status: 0,
      responseHeaders: {},
      responseBody: Buffer.alloc(0),
    };
    try {
      const answer = await forward(upstream, method, path, requestHeaders, requestBody);
      exchange.status = answer.status;
      exchange.responseHeaders = endToEnd(answer.headers);
      exchange.responseBody = answer.body;
      const headers = { ...exchange.responseHeaders };
      // The body was read whole: framed again by its length.
      delete headers['transfer-encoding'];
      if (method !== 'HEAD' && answer.status !== 204 && answer.status !== 304)
        headers['content-length'] = String(answer.body.length);
      res.writeHead(answer.status, headers).end(answer.body);
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      exchange.responseBody = Buffer.from(`the upstream could not be reached: ${reason}`);
      res.writeHead(502, { 'content-type': 'text/plain' }).end(`${exchange.responseBody}\n`);
    }
    exchanges += 1;
    for (const violation of options.judge(exchange)) {
      violations.push(violation);
      options.onViolation?.(violation);
    }
  };

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(`telemock proxy: ${error instanceof Error ? error.message : String(error)}\n`);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;
  const host = options.host ?? '127.0.0.1';
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    violations,
    exchanges: () => exchanges,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await options.onClose?.();
    },
  };
}
