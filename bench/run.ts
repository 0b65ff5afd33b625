import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { formatReport, type TargetResult } from './harness/format-report.js';
import { formatInProcess, formatStartup, formatStore } from './harness/format-sections.js';
import { measureInProcess } from './harness/in-process.js';
import {
  type LoadSettings,
  loadRoute,
  mergeRuns,
  type RouteRequest,
  type RouteResult,
} from './harness/load-route.js';
import { readMemory } from './harness/memory.js';
import { killAllPeers, type Peer, startPeer } from './harness/peer.js';
import { measureStartup } from './harness/startup.js';
import { measureStore } from './harness/store-scale.js';
import { benchTargets, ROUTES, type RouteName } from './harness/targets.js';

/**
 * `npm run bench` (issues 3 and 16): every figure side by side in one run, each in processes of
 * its own, loopback only, bounded in time:
 *   startup  spawn → first 200 of `npm start`'s command, an empty Express 5 app, bare node:http, Prism
 *   http     autocannon on GET /calls/{callId} and POST /calls: telemock, Prism, a bare Express route
 *   store    RSS and the cost of a request at 1k, 10k and 100k stored calls
 *   msw      import telemock/msw + createHandlers + first answer; sequential throughput vs bare MSW
 * It needs the built dist/ (`npm run build`).
 *
 *   --quick              a short run (fewer start-ups, shorter loads, 10k stored calls at most)
 *   --sections A,B       only these sections (startup, http, store, msw)
 *   --only NAME,…        only these peers (telemock, Prism, "bare Express"; "empty Express 5", "bare node:http")
 *   --profile[=DIR]      run the mock under `node --cpu-prof` in http; read it with bench/diagnostics/profile-summary.ts
 */
const args = process.argv.slice(2);
const option = (name: string) => {
  const arg = args.find((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (arg === undefined) return undefined;
  const inline = arg.split('=')[1];
  if (inline !== undefined) return inline;
  const next = args[args.indexOf(arg) + 1];
  return next && !next.startsWith('--') ? next : '';
};

const quick = args.includes('--quick');
const settings: LoadSettings = quick
  ? { connections: 50, warmupSeconds: 1, seconds: 2.5 }
  : { connections: 50, warmupSeconds: 2, seconds: 10 };
const profile = option('profile');
const profileDir = profile === undefined ? undefined : profile || join(tmpdir(), 'telemock-bench-profiles');
const only = option('only')?.split(',');
const sections = option('sections')?.split(',') ?? ['startup', 'http', 'store', 'msw'];
// Let the mock's timers and GC settle before "RSS after the load" is read.
const SETTLE_MS = 1000;

// Children must not outlive the run, whatever ends it.
process.on('exit', killAllPeers);
for (const name of ['SIGINT', 'SIGTERM'] as const) {
  process.once(name, () => {
    killAllPeers();
    process.exit(130);
  });
}

async function main(): Promise<void> {
  const out: string[] = [];
  if (sections.includes('startup')) {
    process.stderr.write('start-up…\n');
    out.push(formatStartup(await measureStartup(quick ? 3 : 7, only)), '');
  }
  if (sections.includes('http')) out.push(await http(), '');
  if (sections.includes('store')) {
    process.stderr.write('store…\n');
    const levels = quick ? [1_000, 10_000] : [1_000, 10_000, 100_000];
    out.push(formatStore(await measureStore(levels, quick ? 1.5 : 3)), '');
  }
  if (sections.includes('msw')) {
    process.stderr.write('msw…\n');
    out.push(formatInProcess(await measureInProcess(quick ? 3 : 5, quick ? 1000 : 3000)), '');
  }
  process.stdout.write(out.join('\n'));
}

// Each route is loaded in ROUNDS runs per peer, the peers taking turns (A B, then B A), so a slow
// moment of the machine falls on all of them rather than on whichever ran then.
const ROUNDS = 2;

async function http(): Promise<string> {
  const targets = benchTargets(profileDir ? { profileDir } : {}).filter(
    (t) => !only || only.includes(t.name),
  );
  const running: Array<{
    target: (typeof targets)[number];
    peer: Peer;
    requests: Record<RouteName, RouteRequest>;
  }> = [];
  try {
    for (const target of targets) {
      process.stderr.write(`${target.name}: starting…\n`);
      const peer = await startPeer(await target.peer());
      running.push({ target, peer, requests: await target.requests(peer) });
    }
    const runs = new Map<string, RouteResult[]>();
    const round: LoadSettings = { ...settings, seconds: settings.seconds / ROUNDS };
    for (const route of ROUTES) {
      for (let r = 0; r < ROUNDS; r++) {
        for (const { target, peer, requests } of r % 2 === 0 ? running : [...running].reverse()) {
          process.stderr.write(`${target.name}: ${route} (${r + 1}/${ROUNDS})…\n`);
          const key = `${target.name} ${route}`;
          runs.set(key, [...(runs.get(key) ?? []), await loadRoute(peer.pid, requests[route], round)]);
        }
      }
    }
    await sleep(SETTLE_MS);
    const results: TargetResult[] = running.map(({ target, peer }) => {
      const memory = readMemory(peer.pid);
      if (!memory) throw new Error(`${target.name} died during the load`);
      const routes = Object.fromEntries(
        ROUTES.map((route) => [route, mergeRuns(runs.get(`${target.name} ${route}`) ?? [])]),
      ) as Record<RouteName, RouteResult>;
      return {
        name: target.name,
        startup: peer.startup,
        routes,
        rssAfterMiB: memory.rssMiB,
        peakRssMiB: memory.peakRssMiB,
      };
    });
    const report = formatReport(results, { ...settings, rounds: ROUNDS });
    return profileDir ? `${report}\n\nCPU profile of the mock in ${profileDir}` : report;
  } finally {
    for (const { peer } of running) await peer.stop();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  killAllPeers();
  process.exit(1);
});
