import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** A request on its way through the proxy; header names in lower case. */
export interface ProxiedRequest {
  method: string;
  /** Path and query string. */
  url: string;
  headers: Record<string, string>;
  body: Buffer;
}

/** A response on its way back; header names in lower case. */
export interface ProxiedResponse {
  status: number;
  headers: Record<string, string>;
  body: Buffer;
}

/** One thing broken: rewrite requests going up, responses coming back, or webhooks the target posts. */
export interface Breakage {
  request?(request: ProxiedRequest): void;
  response?(response: ProxiedResponse, request: ProxiedRequest): void;
  /** When set, webhook URLs in request bodies are routed through the proxy and deliveries pass here. */
  webhook?(delivery: ProxiedRequest): void;
  /** Holds every response this long before sending it. */
  delayMs?: number;
  /** Sends every response body chunked (no Content-Length), in a few pieces. */
  chunked?: boolean;
}

export interface BreakingProxy {
  url: string;
  close(): Promise<void>;
}

// Hop-by-hop and length headers: the proxy re-frames every message itself.
const DROPPED = new Set(['connection', 'keep-alive', 'transfer-encoding', 'content-length', 'host']);
const RELAY = '/__relay';

async function readRequest(req: IncomingMessage): Promise<ProxiedRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(req.headers))
    if (value !== undefined && !DROPPED.has(name))
      headers[name] = Array.isArray(value) ? value.join(', ') : value;
  return { method: req.method ?? 'GET', url: req.url ?? '/', headers, body: Buffer.concat(chunks) };
}

async function forward(target: string, request: ProxiedRequest): Promise<ProxiedResponse> {
  const hasBody = request.body.length > 0 && request.method !== 'GET' && request.method !== 'HEAD';
  const response = await fetch(target, {
    method: request.method,
    headers: request.headers,
    ...(hasBody ? { body: new Uint8Array(request.body) } : {}),
    redirect: 'manual',
  });
  const headers: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (!DROPPED.has(name)) headers[name] = value;
  });
  return { status: response.status, headers, body: Buffer.from(await response.arrayBuffer()) };
}

// Points every webhook URL in a JSON body at the proxy's relay, which forwards to the original.
function routeWebhooksThrough(request: ProxiedRequest, self: string): void {
  if (!/json/.test(request.headers['content-type'] ?? '') || request.body.length === 0) return;
  const text = request.body.toString('utf8');
  const keys = request.url.split('?')[0]?.endsWith('/webhook') ? 'webhookUrl|url' : 'webhookUrl';
  const rewritten = text.replace(
    new RegExp(`"(${keys})":"(http[^"]+)"`, 'g'),
    (all, key: string, url: string) =>
      url.startsWith(self) ? all : `"${key}":"${self}${RELAY}?to=${encodeURIComponent(url)}"`,
  );
  request.body = Buffer.from(rewritten);
}

// Without a Content-Length Node frames the body with Transfer-Encoding: chunked; three writes make three chunks.
async function sendChunked(res: ServerResponse, response: ProxiedResponse): Promise<void> {
  res.writeHead(response.status, response.headers);
  const third = Math.ceil(response.body.length / 3);
  for (let at = 0; at < response.body.length; at += third) {
    res.write(response.body.subarray(at, at + third));
    await new Promise((resolve) => setImmediate(resolve));
  }
  res.end();
}

/**
 * A node:http proxy in front of a real target that breaks one thing: the kit's proof that the
 * contract suite (and Dredd, and Prism) notice when an implementation departs from the spec.
 */
export async function startBreakingProxy(upstream: string, breakage: Breakage): Promise<BreakingProxy> {
  let self = '';
  const server = createServer(async (req, res) => {
    try {
      const request = await readRequest(req);
      const relayed = request.url.startsWith(RELAY);
      let target: string;
      if (relayed) {
        target = new URL(request.url, self).searchParams.get('to') ?? '';
        breakage.webhook?.(request);
      } else {
        if (breakage.webhook) routeWebhooksThrough(request, self);
        breakage.request?.(request);
        // After the breakage: it may rewrite the URL too.
        target = upstream + request.url;
      }
      const response = await forward(target, request);
      if (!relayed) breakage.response?.(response, request);
      if (breakage.delayMs) await new Promise((resolve) => setTimeout(resolve, breakage.delayMs));
      if (breakage.chunked) return await sendChunked(res, response);
      res.writeHead(response.status, { ...response.headers, 'content-length': String(response.body.length) });
      res.end(response.body);
    } catch (error) {
      res.writeHead(502, { 'content-type': 'text/plain' }).end(`breaking proxy: ${(error as Error).message}`);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  self = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: self,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
