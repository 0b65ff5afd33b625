import { createServer, request } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Changes one JSON response body; return undefined to leave the exchange alone. */
export type BodyBreaker = (method: string, path: string, body: unknown) => unknown;

/** A running broken target: the mock behind a proxy that rewrites some of its answers. */
export interface BreakingUpstream {
  url: string;
  /** How many responses the breaker actually changed. */
  broken(): number;
  close(): Promise<void>;
}

/**
 * A node:http proxy in front of a healthy target that breaks some JSON responses (a wrong field type,
 * a missing field): the deliberately broken implementation that Dredd and the Prism proxy must catch.
 */
export async function startBreakingUpstream(target: string, breaker: BodyBreaker): Promise<BreakingUpstream> {
  const base = new URL(target);
  let broken = 0;
  const server = createServer((req, res) => {
    const method = req.method ?? 'GET';
    const path = req.url ?? '/';
    const upstream = request(
      { host: base.hostname, port: base.port, method, path, headers: { ...req.headers, host: base.host } },
      (answer) => {
        const chunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => chunks.push(chunk));
        answer.on('end', () => {
          let text = Buffer.concat(chunks).toString('utf8');
          const headers = { ...answer.headers };
          if (String(headers['content-type'] ?? '').includes('json') && text !== '') {
            const changed = breaker(method, path, JSON.parse(text));
            if (changed !== undefined) {
              broken += 1;
              text = JSON.stringify(changed);
            }
          }
          delete headers['content-length'];
          delete headers['transfer-encoding'];
          res.writeHead(answer.statusCode ?? 502, headers).end(text);
        });
      },
    );
    upstream.on('error', () => res.writeHead(502).end());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    broken: () => broken,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
