import { setTimeout as sleep } from 'node:timers/promises';
import { type PeerSpec, startPeer } from './peer.js';
import { AUTH, prismPeer } from './targets.js';

/** Start-up to the first 200 of one peer, over several fresh processes. */
export interface StartupResult {
  name: string;
  samplesMs: number[];
  medianMs: number;
  /** The process's own CPU time by its first 200, per run and median (ms). */
  cpuSamplesMs: number[];
  cpuMedianMs: number;
}

const median = (xs: readonly number[]) =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

/**
 * What `npm start` runs, on a port of its own choosing; like the other peers, it is found ready by
 * the URL it prints (its banner), then probed with a real API request (auth, rate limit, validation).
 */
async function telemockCli(): Promise<PeerSpec> {
  return {
    name: 'telemock',
    args: ['dist/bin/telemock.js', 'serve', '--port', '0'],
    urlIn: /serving the AI telephony API on (http:\/\/\S+)/,
    printsTimings: false,
    probe: '/calls',
    headers: AUTH,
  };
}

export const STARTUP_PEERS: Array<{ name: string; spec: () => Promise<PeerSpec> }> = [
  { name: 'telemock', spec: telemockCli },
  {
    name: 'empty Express 5',
    spec: async () => ({
      name: 'empty Express 5',
      args: ['bench/peers/empty-express.mjs'],
      probe: '/',
      printsTimings: false,
    }),
  },
  {
    name: 'bare node:http',
    spec: async () => ({
      name: 'bare node:http',
      args: ['bench/peers/bare-http.mjs'],
      probe: '/',
      printsTimings: false,
    }),
  },
  { name: 'Prism', spec: prismPeer },
];

// A pause after each stop, so a peer's start does not share the CPU with the last one's exit.
const SETTLE_MS = 300;

/**
 * Spawn → first 200, each peer in turn (round robin, so a busy moment of the machine hits them
 * all alike, each round starting with the next peer, so none always follows Prism's heavy start),
 * `rounds` times; medians.
 */
export async function measureStartup(rounds: number, only?: readonly string[]): Promise<StartupResult[]> {
  const peers = STARTUP_PEERS.filter((p) => !only || only.includes(p.name));
  const samples = new Map<string, number[]>(peers.map((p) => [p.name, []]));
  const cpu = new Map<string, number[]>(peers.map((p) => [p.name, []]));
  for (let round = 0; round < rounds; round++) {
    for (let i = 0; i < peers.length; i++) {
      const peer = peers[(round + i) % peers.length];
      if (!peer) continue;
      const running = await startPeer(await peer.spec());
      samples.get(peer.name)?.push(running.startup.toFirst200Ms);
      cpu.get(peer.name)?.push(running.startup.cpuToFirst200Ms);
      await running.stop();
      await sleep(SETTLE_MS);
    }
  }
  return peers.map(({ name }) => {
    const samplesMs = samples.get(name) ?? [];
    const cpuSamplesMs = cpu.get(name) ?? [];
    return { name, samplesMs, medianMs: median(samplesMs), cpuSamplesMs, cpuMedianMs: median(cpuSamplesMs) };
  });
}
