import { type PeerSpec, startPeer } from './peer.js';
import { AUTH, freePort, prismPeer } from './targets.js';

/** Start-up to the first 200 of one peer, over several fresh processes. */
export interface StartupResult {
  name: string;
  samplesMs: number[];
  medianMs: number;
}

const median = (xs: readonly number[]) =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

/** What `npm start` runs, on a free port; the probe is a real API request (auth, rate limit, validation). */
async function telemockCli(): Promise<PeerSpec> {
  const port = await freePort();
  return {
    name: 'telemock',
    args: ['dist/bin/telemock.js', 'serve', '--port', String(port)],
    url: `http://127.0.0.1:${port}`,
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
      args: ['bench/empty-express.mjs'],
      probe: '/',
      printsTimings: false,
    }),
  },
  {
    name: 'bare node:http',
    spec: async () => ({
      name: 'bare node:http',
      args: ['bench/bare-http.mjs'],
      probe: '/',
      printsTimings: false,
    }),
  },
  { name: 'Prism', spec: prismPeer },
];

/**
 * Spawn → first 200, each peer in turn (round robin, so a busy moment of the machine hits them
 * all alike), `rounds` times; medians.
 */
export async function measureStartup(rounds: number, only?: readonly string[]): Promise<StartupResult[]> {
  const peers = STARTUP_PEERS.filter((p) => !only || only.includes(p.name));
  const samples = new Map<string, number[]>(peers.map((p) => [p.name, []]));
  for (let round = 0; round < rounds; round++) {
    for (const peer of peers) {
      const running = await startPeer(await peer.spec());
      samples.get(peer.name)?.push(running.startup.toFirst200Ms);
      await running.stop();
    }
  }
  return peers.map(({ name }) => {
    const samplesMs = samples.get(name) ?? [];
    return { name, samplesMs, medianMs: median(samplesMs) };
  });
}
