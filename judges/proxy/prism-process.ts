import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import type { ProxiedExchange } from './judge-exchange.js';
import type { Violation } from './violations.js';

/** A running `prism proxy` child. */
export interface PrismProcess {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/** A port nobody listens on right now, for the Prism child that only our front talks to. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no free port');
  return address.port;
}

/** Prism is not installed where telemock runs (it is a devDependency, not shipped to users). */
export class PrismUnavailable extends Error {}

function prismBin(): string {
  const require = createRequire(import.meta.url);
  let manifest: string;
  try {
    manifest = require.resolve('@stoplight/prism-cli/package.json');
  } catch {
    throw new PrismUnavailable(
      "Prism is not installed here, so --engine prism cannot run. Install it beside telemock (npm install --save-dev @stoplight/prism-cli@5.16.0; it needs Node ≥ 24.18), or leave --engine out: telemock's own validating proxy needs nothing more.",
    );
  }
  return join(dirname(manifest), 'dist', 'index.js');
}

/** One violation as Prism reports it in the `sl-violations` header. */
interface PrismViolation {
  location: string[];
  severity: string;
  code: string | number;
  message: string;
}

/** Prism's verdict on an exchange, read from its `sl-violations` header (a JSON array). */
export function judgeBySlViolations(exchange: ProxiedExchange): Violation[] {
  const header = exchange.responseHeaders['sl-violations'];
  if (!header) return [];
  const at = { method: exchange.method, path: exchange.path, status: exchange.status };
  let found: PrismViolation[];
  try {
    const parsed = JSON.parse(header) as unknown;
    found = Array.isArray(parsed) ? (parsed as PrismViolation[]) : [];
  } catch {
    return [{ ...at, side: 'response', check: 'sl-violations', message: `unreadable: ${header}` }];
  }
  return found.map((v) => {
    const side = v.location[0] === 'response' ? 'response' : 'request';
    return {
      ...at,
      side,
      check: v.location.slice(1).join('.') || side,
      message: `${v.message} [${v.severity}]`,
    };
  });
}

/**
 * Starts Prism's validating proxy in front of `upstream` (without --errors: it forwards everything and
 * reports violations in `sl-violations`) and resolves once it listens.
 */
export async function startPrismProxy(
  specPath: string,
  upstream: string,
  timeoutMs = 30_000,
): Promise<PrismProcess> {
  const port = await freePort();
  const child = spawn(
    process.execPath,
    [prismBin(), 'proxy', specPath, upstream, '-p', String(port), '-h', '127.0.0.1'],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
    child.kill('SIGTERM');
    await exited;
  };
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => fail(new Error(`Prism did not start within ${timeoutMs} ms`)), timeoutMs);
    const fail = (error: Error) => {
      clearTimeout(timer);
      void stop();
      reject(new Error(`${error.message}\n${output.slice(-2000)}`));
    };
    const early = (code: number | null) => fail(new Error(`Prism exited with ${code} before listening`));
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (output.includes('Prism is listening')) {
        clearTimeout(timer);
        child.off('exit', early);
        resolve();
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', early);
  });
  // Once listening, Prism's own log repeats what the sl-violations header says; drain it unread.
  child.stdout?.removeAllListeners('data').resume();
  child.stderr?.removeAllListeners('data').resume();
  return { url: `http://127.0.0.1:${port}`, child, stop };
}
