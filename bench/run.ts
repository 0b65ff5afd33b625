import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { formatReport, type TargetResult } from './format-report.js';
import { type LoadSettings, loadRoute, type RouteResult } from './load-route.js';
import { readMemory } from './memory.js';
import { killAllPeers, startPeer } from './peer.js';
import { benchTargets, ROUTES, type RouteName } from './targets.js';

/**
 * `npm run bench` (issue 3, "Speed"): starts telemock, Prism's mock and a bare Express app one
 * after another, each in its own process, loads GET /calls/{callId} and POST /calls on each with
 * autocannon, and prints req/s, latency, memory and the mock's ratios to its peers.
 *
 *   --quick            ~20 s instead of ~90 s (shorter warm-up and runs)
 *   --only NAME,…      only these peers (telemock, Prism, "bare Express")
 *   --profile[=DIR]    run the mock under `node --cpu-prof`; read it with bench/profile-summary.ts
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

const settings: LoadSettings = args.includes('--quick')
  ? { connections: 50, warmupSeconds: 1, seconds: 2.5 }
  : { connections: 50, warmupSeconds: 2, seconds: 10 };
const profile = option('profile');
const profileDir = profile === undefined ? undefined : profile || join(tmpdir(), 'telemock-bench-profiles');
const only = option('only')?.split(',');
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
  const targets = benchTargets(profileDir ? { profileDir } : {}).filter(
    (t) => !only || only.includes(t.name),
  );
  const results: TargetResult[] = [];
  for (const target of targets) {
    process.stderr.write(`${target.name}: starting…\n`);
    const peer = await startPeer(await target.peer());
    try {
      const requests = await target.requests(peer);
      const routes: Partial<Record<RouteName, RouteResult>> = {};
      for (const route of ROUTES) {
        process.stderr.write(`${target.name}: ${route}…\n`);
        routes[route] = await loadRoute(peer.pid, requests[route], settings);
      }
      await sleep(SETTLE_MS);
      const memory = readMemory(peer.pid);
      if (!memory) throw new Error(`${target.name} died during the load`);
      results.push({
        name: target.name,
        startup: peer.startup,
        routes: routes as Record<RouteName, RouteResult>,
        rssAfterMiB: memory.rssMiB,
        peakRssMiB: memory.peakRssMiB,
      });
    } finally {
      await peer.stop();
    }
  }
  process.stdout.write(`${formatReport(results, settings)}\n`);
  if (profileDir) process.stdout.write(`\nCPU profile of the mock in ${profileDir}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
  );
  killAllPeers();
  process.exit(1);
});
