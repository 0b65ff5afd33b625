import type { LoadSettings, RouteResult } from './load-route.js';
import type { Startup } from './peer.js';
import { ROUTES, type RouteName } from './targets.js';

/** Everything measured on one peer. */
export interface TargetResult {
  name: string;
  startup: Startup;
  routes: Record<RouteName, RouteResult>;
  /** RSS a second after the last load, and the process's peak (VmHWM), MiB. */
  rssAfterMiB: number;
  peakRssMiB: number;
}

/** Issue 16's targets for the mock. */
export const GOALS = {
  vsPrism: 2.5,
  vsExpress: 1.0,
  p99Ms: 25,
  /** Start-up to the first 200, as a share of an empty Express 5 app's in the same run. */
  startupVsExpress: 0.8,
  /** RSS with 100,000 stored calls. */
  storeRssMiB: 250,
  /** import telemock/msw + createHandlers + first answer. */
  inProcessMs: 100,
  /** MSW sequential throughput, as a share of a bare MSW handler's. */
  mswVsBare: 0.95,
} as const;

export const int = (n: number) => Math.round(n).toLocaleString('en-US');
export const ms = (n: number) => (n < 10 ? n.toFixed(1) : int(n));
export const mib = (n: number) => n.toFixed(0);
export const verdict = (ok: boolean) => (ok ? 'ok  ' : 'MISS');

export function table(rows: string[][]): string {
  const widths = rows[0]?.map((_, i) => Math.max(...rows.map((row) => (row[i] ?? '').length))) ?? [];
  return rows
    .map((row) => row.map((cell, i) => (i < 2 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0))))
    .map((row) => row.join('  ').trimEnd())
    .join('\n');
}

const failures = (r: RouteResult) => {
  const statuses = Object.entries(r.otherStatuses).map(([status, count]) => `${status}×${count}`);
  return statuses.length ? statuses.join(' ') : '-';
};

/** The benchmark's printout: per-route table, ratios against the peers, start-up and memory. */
export function formatReport(
  results: readonly TargetResult[],
  settings: LoadSettings & { rounds: number },
): string {
  const out: string[] = [];
  out.push(
    `autocannon: ${settings.connections} connections; per route ${settings.rounds} runs a peer, the peers ` +
      `taking turns, each ${settings.warmupSeconds} s warm-up + ${settings.seconds / settings.rounds} s; ` +
      'RSS sampled every 100 ms (MiB)',
    '',
  );
  const rows = [
    [
      'target',
      'route',
      'req/s',
      'p50 ms',
      'p99 ms',
      'max ms',
      '2xx',
      'non-2xx',
      'errors',
      'peak RSS',
      'CPU µs/req',
      'statuses',
    ],
  ];
  for (const result of results) {
    for (const route of ROUTES) {
      const r = result.routes[route];
      rows.push([
        result.name,
        route,
        int(r.requestsPerSecond),
        ms(r.p50Ms),
        ms(r.p99Ms),
        ms(r.maxMs),
        int(r.ok),
        int(r.non2xx),
        int(r.errors),
        mib(r.peakRssMiB),
        int(r.cpuUsPerRequest),
        failures(r),
      ]);
    }
  }
  out.push(table(rows), '');

  const mock = results.find((r) => r.name === 'telemock');
  const peer = (name: string) => results.find((r) => r.name === name);
  if (mock) {
    const checks: string[][] = [['target', 'route', 'measured', 'goal', '']];
    for (const [name, goal] of [
      ['Prism', GOALS.vsPrism],
      ['bare Express', GOALS.vsExpress],
    ] as const) {
      const other = peer(name);
      if (!other) continue;
      for (const route of ROUTES) {
        const ratio = mock.routes[route].requestsPerSecond / other.routes[route].requestsPerSecond;
        checks.push([
          `req/s mock / ${name}`,
          route,
          `${ratio.toFixed(2)}×`,
          `≥ ${goal}×`,
          verdict(ratio >= goal),
        ]);
      }
    }
    const express = peer('bare Express');
    for (const route of express ? ROUTES : []) {
      // Server CPU per request: what a request costs, whatever else the machine is doing.
      const ratio = (express?.routes[route].cpuUsPerRequest ?? 0) / mock.routes[route].cpuUsPerRequest;
      checks.push([
        'CPU/req bare Express / mock',
        route,
        `${ratio.toFixed(2)}×`,
        `≥ ${GOALS.vsExpress}×`,
        verdict(ratio >= GOALS.vsExpress),
      ]);
    }
    for (const route of ROUTES) {
      const p99 = mock.routes[route].p99Ms;
      checks.push([
        'p99 latency, mock',
        route,
        `${ms(p99)} ms`,
        `≤ ${GOALS.p99Ms} ms`,
        verdict(p99 <= GOALS.p99Ms),
      ]);
    }
    out.push(table(checks), '');
  }

  out.push('start-up (ms) and memory (MiB) per peer:');
  const startRows = [
    ['target', '', 'to first 200', 'to URL', 'node+tsx boot', 'imports', 'start()', 'RSS after', 'peak RSS'],
  ];
  for (const result of results) {
    const { startup } = result;
    startRows.push([
      result.name,
      '',
      int(startup.toFirst200Ms),
      startup.toUrlMs === undefined ? '-' : int(startup.toUrlMs),
      startup.child ? int(startup.child.bootMs) : '-',
      startup.child ? int(startup.child.importMs) : '-',
      startup.child ? int(startup.child.startMs) : '-',
      mib(result.rssAfterMiB),
      mib(result.peakRssMiB),
    ]);
  }
  out.push(table(startRows));
  if (mock) {
    out.push(
      '',
      `the mock created ${int(mock.routes['POST /calls'].ok)} calls during POST /calls (warm-up not counted); ` +
        'with the rate limit off and the live-call cap raised (bench/peers/mock-process.mjs) they stay live ' +
        'until their maximum duration.',
    );
  }
  return out.join('\n');
}
