import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';

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

function prismBin(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@stoplight/prism-cli/package.json')), 'dist', 'index.js');
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
