import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createInterface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { readCpuSeconds } from './cpu.js';
import { processTree } from './process-tree.js';

/** What a peer process reports about its own start (mock-process.mjs prints it). */
export interface ChildTimings {
  /** Process start → first line of the entry script: Node's boot plus the tsx loader. */
  bootMs: number;
  /** Loading the server's modules (tsx compiles them on a cold cache). */
  importMs: number;
  /** The server's own start function, up to listening. */
  startMs: number;
}

export interface Startup {
  /** Spawn → the URL line on stdout (undefined when the URL was chosen by us). */
  toUrlMs: number | undefined;
  /** Spawn → the first 200 to `probe`. */
  toFirst200Ms: number;
  /** CPU time (user + system) the process had used by its first 200: what a busy machine disturbs least. */
  cpuToFirst200Ms: number;
  child: ChildTimings | undefined;
}

export interface PeerSpec {
  name: string;
  args: readonly string[];
  /** Working directory, relative to the repository root (default: the root). */
  cwd?: string;
  /** The peer's URL, when we pick its port; otherwise it prints its URL as a line on stdout. */
  url?: string;
  /** A GET, relative to the URL, polled until it answers 200. */
  probe: string;
  headers?: Record<string, string>;
  /** False for a peer that prints its URL but no `timings {…}` line after it. Default true. */
  printsTimings?: boolean;
  /** Where in a line of its stdout the peer names its URL (group 1), for one that prints more than the URL. */
  urlIn?: RegExp;
}

/** A server under test, running in its own process so that its memory is its own. */
export interface Peer {
  name: string;
  pid: number;
  url: string;
  startup: Startup;
  stop(): Promise<void>;
}

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const live = new Set<ChildProcess>();
const READY_TIMEOUT_MS = 20_000;

const signal = (pid: number, name: NodeJS.Signals) => {
  try {
    process.kill(pid, name);
  } catch {
    // already gone
  }
};

/** Kills every peer still running, children first; synchronous so it works in an 'exit' handler. */
export function killAllPeers(): void {
  for (const child of live) {
    if (child.pid !== undefined) for (const pid of processTree(child.pid).reverse()) signal(pid, 'SIGKILL');
  }
  live.clear();
}

/** Starts a peer with `node ARGS…` in the repository root and waits until it answers; timed from spawn. */
export async function startPeer(spec: PeerSpec): Promise<Peer> {
  const spawnedAt = performance.now();
  const child = spawn(process.execPath, spec.args, {
    cwd: join(ROOT, spec.cwd ?? '.'),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  live.add(child);
  const pid = child.pid;
  if (pid === undefined) throw new Error(`${spec.name}: could not spawn`);
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code, sig) =>
      reject(new Error(`${spec.name} exited early (${code ?? sig}):\n${stderr.trim()}`)),
    ),
  );
  exited.catch(() => {}); // only awaited while starting

  try {
    const { url, toUrlMs, child: timings } = await Promise.race([readStdout(spec, child, spawnedAt), exited]);
    await Promise.race([waitFor200(url + spec.probe, spec.headers ?? {}), exited]);
    const toFirst200Ms = performance.now() - spawnedAt;
    const cpuToFirst200Ms = (readCpuSeconds(pid) ?? Number.NaN) * 1000;
    return {
      name: spec.name,
      pid,
      url,
      startup: { toUrlMs, toFirst200Ms, cpuToFirst200Ms, child: timings },
      stop: () => stopPeer(child),
    };
  } catch (error) {
    await stopPeer(child);
    throw error;
  }
}

async function readStdout(
  spec: PeerSpec,
  child: ChildProcess,
  spawnedAt: number,
): Promise<{ url: string; toUrlMs: number | undefined; child: ChildTimings | undefined }> {
  if (spec.url !== undefined) {
    child.stdout?.resume(); // a peer we do not read must not block on a full pipe
    return { url: spec.url, toUrlMs: undefined, child: undefined };
  }
  let url: string | undefined;
  let toUrlMs: number | undefined;
  const timeout = setTimeout(() => child.stdout?.destroy(new Error('no URL on stdout')), READY_TIMEOUT_MS);
  try {
    // The URL comes first, then (from our own child scripts) a `timings {…}` line.
    for await (const line of createInterface({ input: child.stdout as NodeJS.ReadableStream })) {
      const named = spec.urlIn
        ? spec.urlIn.exec(line)?.[1]
        : /^https?:\/\//.test(line)
          ? line.trim()
          : undefined;
      if (url === undefined && named !== undefined) {
        url = named.replace(/\/$/, '');
        toUrlMs = performance.now() - spawnedAt;
        if (spec.printsTimings === false) {
          child.stdout?.resume();
          return { url, toUrlMs, child: undefined };
        }
      } else if (url !== undefined && line.startsWith('timings ')) {
        child.stdout?.resume();
        return { url, toUrlMs, child: JSON.parse(line.slice('timings '.length)) as ChildTimings };
      }
    }
  } finally {
    clearTimeout(timeout);
  }
  // Stdout closes just before the exit event: give it a moment so the error shows the child's stderr.
  await sleep(200);
  if (url === undefined) throw new Error(`${spec.name} printed no URL`);
  return { url, toUrlMs, child: undefined };
}

async function waitFor200(url: string, headers: Record<string, string>): Promise<void> {
  const deadline = performance.now() + READY_TIMEOUT_MS;
  let last = 'no answer';
  while (performance.now() < deadline) {
    try {
      const response = await fetch(url, { headers });
      await response.arrayBuffer();
      if (response.status === 200) return;
      last = `HTTP ${response.status}`;
    } catch (error) {
      last = (error as Error).message;
    }
    await sleep(5);
  }
  throw new Error(`${url} did not answer 200 within ${READY_TIMEOUT_MS} ms (${last})`);
}

async function stopPeer(child: ChildProcess): Promise<void> {
  const pid = child.pid;
  if (pid === undefined || child.exitCode !== null || child.signalCode !== null) {
    live.delete(child);
    return;
  }
  const tree = processTree(pid);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  signal(pid, 'SIGTERM');
  const stopped = await Promise.race([exited.then(() => true), sleep(3000).then(() => false)]);
  // Whatever is left (a hung server, or a helper the peer spawned) is killed by its PID.
  for (const p of (stopped ? tree.slice(1) : tree).reverse()) signal(p, 'SIGKILL');
  if (!stopped) await exited;
  live.delete(child);
}
