import autocannon from 'autocannon';
import { readCpuSeconds } from './cpu.js';
import { readMemory } from './memory.js';

export interface RouteRequest {
  method: 'GET' | 'POST';
  /** Absolute URL of the request. */
  url: string;
  headers: Record<string, string>;
  body?: string;
}

export interface LoadSettings {
  connections: number;
  warmupSeconds: number;
  seconds: number;
}

export interface RouteResult {
  requestsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  ok: number;
  non2xx: number;
  /** Connection errors, timeouts included. */
  errors: number;
  timeouts: number;
  /** Status codes that were not 2xx, with counts, to tell a 429 from a 500. */
  otherStatuses: Record<string, number>;
  /** Highest RSS seen while loading (sampled every 100 ms), MiB. */
  peakRssMiB: number;
  /** The server's CPU time per answered request during the measured run, µs. */
  cpuUsPerRequest: number;
}

const SAMPLE_MS = 100;

const fire = (request: RouteRequest, connections: number, seconds: number) =>
  autocannon({
    url: request.url,
    method: request.method,
    headers: request.headers,
    ...(request.body !== undefined ? { body: request.body } : {}),
    connections,
    duration: seconds,
  });

/** Loads one route of one peer with autocannon: a short warm-up (JIT, pools), then the measured run. */
export async function loadRoute(
  pid: number,
  request: RouteRequest,
  settings: LoadSettings,
): Promise<RouteResult> {
  let peakRssMiB = 0;
  const sample = () => {
    peakRssMiB = Math.max(peakRssMiB, readMemory(pid)?.rssMiB ?? 0);
  };
  const sampler = setInterval(sample, SAMPLE_MS);
  try {
    if (settings.warmupSeconds > 0) await fire(request, settings.connections, settings.warmupSeconds);
    const cpuBefore = readCpuSeconds(pid) ?? Number.NaN;
    const result = await fire(request, settings.connections, settings.seconds);
    const cpuSeconds = (readCpuSeconds(pid) ?? Number.NaN) - cpuBefore;
    sample();
    const otherStatuses: Record<string, number> = {};
    for (const [status, { count }] of Object.entries(result.statusCodeStats ?? {})) {
      if (!status.startsWith('2') && count) otherStatuses[status] = count;
    }
    return {
      requestsPerSecond: result.requests.average,
      p50Ms: result.latency.p50,
      p99Ms: result.latency.p99,
      maxMs: result.latency.max,
      ok: result['2xx'],
      non2xx: result.non2xx,
      errors: result.errors,
      timeouts: result.timeouts,
      otherStatuses,
      peakRssMiB,
      cpuUsPerRequest: (cpuSeconds * 1e6) / Math.max(1, result['2xx'] + result.non2xx),
    };
  } finally {
    clearInterval(sampler);
  }
}

/**
 * Several runs of one route as one result: rates and CPU per request averaged over the requests,
 * latencies' worst (p99, max) and the p50s' mean, counts summed.
 */
export function mergeRuns(runs: readonly RouteResult[]): RouteResult {
  const [first] = runs;
  if (!first) throw new Error('mergeRuns: no runs');
  if (runs.length === 1) return first;
  const sum = (pick: (r: RouteResult) => number) => runs.reduce((n, r) => n + pick(r), 0);
  const answered = (r: RouteResult) => r.ok + r.non2xx;
  const otherStatuses: Record<string, number> = {};
  for (const r of runs)
    for (const [status, count] of Object.entries(r.otherStatuses))
      otherStatuses[status] = (otherStatuses[status] ?? 0) + count;
  return {
    requestsPerSecond: sum((r) => r.requestsPerSecond) / runs.length,
    p50Ms: sum((r) => r.p50Ms) / runs.length,
    p99Ms: Math.max(...runs.map((r) => r.p99Ms)),
    maxMs: Math.max(...runs.map((r) => r.maxMs)),
    ok: sum((r) => r.ok),
    non2xx: sum((r) => r.non2xx),
    errors: sum((r) => r.errors),
    timeouts: sum((r) => r.timeouts),
    otherStatuses,
    peakRssMiB: Math.max(...runs.map((r) => r.peakRssMiB)),
    cpuUsPerRequest: sum((r) => r.cpuUsPerRequest * answered(r)) / Math.max(1, sum(answered)),
  };
}
