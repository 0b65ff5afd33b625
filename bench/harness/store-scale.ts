import { setTimeout as sleep } from 'node:timers/promises';
import autocannon from 'autocannon';
import { readCpuSeconds } from './cpu.js';
import { readMemory } from './memory.js';
import { startPeer } from './peer.js';
import { AUTH, create, freePort, JSON_AUTH, TO } from './targets.js';

/** The cost of a request at one store size, and the mock's RSS there. */
export interface StoreLevel {
  calls: number;
  getPerSecond: number;
  getP99Ms: number;
  postPerSecond: number;
  postP99Ms: number;
  /** The server's CPU time (user + system) per request, ms: steadier than req/s on a busy machine. */
  getCpuMs: number;
  postCpuMs: number;
  rssMiB: number;
}

export interface StoreResult {
  levels: StoreLevel[];
  /** Calls the mock reports stored at the end (GET /__mock/state would be heavier: the list's count). */
  stored: number;
}

const POST_SAMPLE = 1000;
const WARM_UP_POSTS = 300;

const fire = (options: autocannon.Options) =>
  autocannon({ connections: 50, ...options }).then((r) => {
    if (r.non2xx > 0 || r.errors > 0)
      throw new Error(`${options.method} ${options.url}: ${r.non2xx} non-2xx, ${r.errors} errors`);
    return r;
  });

/**
 * Issue 16, "Memory": the mock as `npm start` runs it with `--retain 100000 --max-live-calls 100000`
 * on a manual clock (so every call stays stored), filled by POST /calls to each level; at each
 * level the last POSTs ({@link POST_SAMPLE}) and then GET /calls/{callId} for `getSeconds` are timed.
 */
export async function measureStore(levels: readonly number[], getSeconds: number): Promise<StoreResult> {
  const top = Math.max(...levels);
  const port = await freePort();
  const peer = await startPeer({
    name: 'telemock (store)',
    args: [
      'dist/bin/telemock.js',
      'serve',
      '--port',
      String(port),
      '--retain',
      String(top),
      '--max-live-calls',
      String(top),
      '--time-scale',
      'manual',
      '--rate-limit',
      '0',
      '--log-level',
      'silent',
    ],
    url: `http://127.0.0.1:${port}`,
    probe: '/calls',
    headers: AUTH,
  });
  try {
    const agentId = await create(`${peer.url}/agents`, { name: 'Bench' });
    const post = {
      url: `${peer.url}/calls`,
      method: 'POST' as const,
      headers: JSON_AUTH,
      body: JSON.stringify({ to: TO, agentId }),
    };
    const callId = await create(post.url, { to: TO, agentId });
    // Warm the JIT first, so the first level is not measured on cold code.
    await fire({ url: `${peer.url}/calls/${callId}`, headers: AUTH, duration: getSeconds });
    await fire({ ...post, amount: WARM_UP_POSTS });
    let stored = 1 + WARM_UP_POSTS;
    const out: StoreLevel[] = [];
    for (const level of levels) {
      const fill = level - POST_SAMPLE - stored;
      if (fill > 0) await fire({ ...post, amount: fill });
      stored += Math.max(fill, 0);
      const cpuBefore = readCpuSeconds(peer.pid) ?? Number.NaN;
      const posts = await fire({ ...post, amount: POST_SAMPLE });
      stored += POST_SAMPLE;
      const cpuAfterPosts = readCpuSeconds(peer.pid) ?? Number.NaN;
      const gets = await fire({ url: `${peer.url}/calls/${callId}`, headers: AUTH, duration: getSeconds });
      const cpuAfterGets = readCpuSeconds(peer.pid) ?? Number.NaN;
      await sleep(500);
      out.push({
        calls: stored,
        getPerSecond: gets.requests.average,
        getP99Ms: gets.latency.p99,
        postPerSecond: (POST_SAMPLE * 1000) / (posts.finish.getTime() - posts.start.getTime()),
        postP99Ms: posts.latency.p99,
        getCpuMs: ((cpuAfterGets - cpuAfterPosts) * 1000) / gets.requests.total,
        postCpuMs: ((cpuAfterPosts - cpuBefore) * 1000) / POST_SAMPLE,
        rssMiB: readMemory(peer.pid)?.rssMiB ?? Number.NaN,
      });
    }
    return { levels: out, stored };
  } finally {
    await peer.stop();
  }
}
