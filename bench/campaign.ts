import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createInterface, type Interface } from 'node:readline';
import { setTimeout as sleep } from 'node:timers/promises';
import { readMemory } from './harness/memory.js';

/**
 * `npm run bench:campaign` (issue 24): a day of calls at scale, against the built dist/.
 *   dispatch  1,000 concurrent calls of a three-turn script (time scale 1) against a minimal app in
 *             this process: the mock's own dispatch delay, measured in the mock's process (event due
 *             on its clock → the webhook's request headers written to the socket), p50/p99/max; beside
 *             it how late each webhook reaches the app (that adds this process's own queueing) and
 *             the mock's event-loop lag (how late a timer fires)
 *   memory    the mock process's RSS with 1,000 scripted calls live mid-script (manual clock)
 *   report    GET /__mock/report over 10,000 settled runs of that script (ten rounds of 1,000 on
 *             the manual clock: the mock keeps 1,000 runs in flight), timed five times
 *   --calls N / --runs N   other sizes (defaults 1000 / 10000)
 *   --only dispatch|memory  one half of it
 */
const args = process.argv.slice(2);
const sized = (name: string, fallback: number) => {
  const at = args.indexOf(`--${name}`);
  return at === -1 ? fallback : Number(args[at + 1]);
};
const CALLS = sized('calls', 1000);
const RUNS = sized('runs', 10_000);

const THREE_TURNS = {
  name: 'three-turns',
  answer: { after: 1, by: 'human' },
  steps: [
    { say: 'Hello?' },
    { expect: { agent: { contains: 'Tuesday' }, within: 30 } },
    { say: "Yes, I'll be there." },
    { expect: { agent: { contains: 'confirmed' }, within: 30 } },
    { say: 'Bye now.' },
    { expect: { agent: { contains: 'Goodbye' }, within: 30 } },
    // Live a little longer after the last turn, as a call winding down is.
    { wait: 4 },
    { hangup: {} },
  ],
};
const REPLIES: Array<[RegExp, string]> = [
  [/Hello\?/, 'Your appointment is on Tuesday at 3 pm.'],
  [/be there/, 'Thank you, it is confirmed.'],
  [/Bye/, 'Goodbye!'],
];

interface MockChild {
  url: string;
  child: ChildProcess;
  lines: Interface;
}

async function startMockChild(scale: string): Promise<MockChild> {
  const child = spawn(process.execPath, ['bench/peers/campaign-mock.mjs', scale], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const lines = createInterface({ input: child.stdout as NodeJS.ReadableStream });
  const [url] = (await once(lines, 'line')) as [string];
  return { url, child, lines };
}

interface Figures {
  p50: number;
  p99: number;
  max: number;
}

/** What the mock's process measured itself: `lag` (its event loop) or `dispatch` (event due → request written). */
async function askMock(
  mock: MockChild,
  what: 'lag' | 'dispatch' | 'memory',
): Promise<Figures & { count?: number; write?: Figures; heapUsed?: number; external?: number }> {
  mock.child.stdin?.write(`${what}\n`);
  for (;;) {
    const [line] = (await once(mock.lines, 'line')) as [string];
    if (line.startsWith(`${what} `)) return JSON.parse(line.slice(what.length + 1));
  }
}

const ms = (n: number) => `${Math.round(n * 10) / 10} ms`;

async function json<T>(url: string, method = 'GET', body?: unknown, retried = false): Promise<T> {
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: { authorization: 'Bearer demo-token', 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch (error) {
    // A kept-alive socket the server closed as it was reused (ECONNRESET before any answer): once more.
    if (retried) throw error;
    return json(url, method, body, true);
  }
  if (!response.ok) throw new Error(`${method} ${url} → ${response.status}: ${await response.text()}`);
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;

async function readBody(req: IncomingMessage): Promise<string> {
  let body = '';
  for await (const chunk of req) body += chunk;
  return body;
}

/** In batches, so the sockets of this process are not the bottleneck being measured. */
async function inBatches(count: number, size: number, task: (i: number) => Promise<unknown>): Promise<void> {
  for (let start = 0; start < count; start += size)
    await Promise.all(Array.from({ length: Math.min(size, count - start) }, (_, i) => task(start + i)));
}

/** The minimal app: answers each callee turn of the three-turn script; counts what it hears. */
async function minimalApp(mockUrl: string) {
  const seen = { delays: [] as number[], live: 0, ended: 0, busy: 0, refused: 0 };
  const server = createServer(async (req, res) => {
    seen.busy++;
    try {
      const body = await readBody(req);
      res.writeHead(204).end();
      const event = JSON.parse(body) as {
        type: string;
        timestamp: string;
        data: { id: string; transcript: Array<{ speaker: string; text: string }> };
      };
      seen.delays.push(Date.now() - Date.parse(event.timestamp));
      if (event.type === 'call.answered') seen.live++;
      if (event.type === 'call.completed') {
        seen.live--;
        seen.ended++;
      }
      if (event.type !== 'call.callee.spoke') return;
      const said = event.data.transcript.filter((l) => l.speaker === 'callee').at(-1)?.text ?? '';
      const reply = REPLIES.find(([pattern]) => pattern.test(said))?.[1] ?? 'Sorry?';
      await json(`${mockUrl}/calls/${event.data.id}/respond`, 'POST', { text: reply });
    } catch {
      // A refused answer (a 408 when this machine is overloaded) fails that run; the report shows it.
      seen.refused++;
    } finally {
      seen.busy--;
    }
  });
  server.keepAliveTimeout = 30_000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { seen, server, hook: `http://127.0.0.1:${(server.address() as AddressInfo).port}/hook` };
}

async function defineCampaign(mockUrl: string): Promise<string> {
  await json(`${mockUrl}/__mock/scenarios/three-turns`, 'PUT', THREE_TURNS);
  await json(`${mockUrl}/__mock/populations/bench`, 'PUT', {
    name: 'bench',
    match: { to: { prefix: '+1555' } },
    mix: [{ scenario: 'three-turns', weight: 1 }],
  });
  return (await json<{ id: string }>(`${mockUrl}/agents`, 'POST', { name: 'Bench clinic' })).id;
}

const placeCalls = (mockUrl: string, from: number, count: number, agentId: string, hook: string) =>
  inBatches(count, 100, (i) =>
    json(`${mockUrl}/calls`, 'POST', {
      to: `+1555${String(from + i).padStart(7, '0')}`,
      agentId,
      webhookUrl: hook,
    }),
  );

async function dispatch(): Promise<string[]> {
  const mock = await startMockChild('1');
  const app = await minimalApp(mock.url);
  try {
    const agentId = await defineCampaign(mock.url);
    const started = Date.now();
    await placeCalls(mock.url, 0, CALLS, agentId, app.hook);
    const placedMs = Date.now() - started;
    while (app.seen.ended < CALLS) {
      if (Date.now() - started > 300_000)
        throw new Error(`only ${app.seen.ended} of ${CALLS} calls ended in 5 minutes`);
      await sleep(100);
    }
    const lag = await askMock(mock, 'lag');
    const own = await askMock(mock, 'dispatch');
    const report = await json<{
      runs: { passed: number; failed: number; latencyMs: { p50: number; p99: number } };
    }>(`${mock.url}/__mock/report`);
    const delays = app.seen.delays.sort((a, b) => a - b);
    return [
      `dispatch: ${CALLS} calls of a three-turn script at time scale 1, placed in ${placedMs} ms, ${delays.length} webhooks`,
      `  the mock's dispatch delay, measured in its process (event due on its clock → request headers written, ${own.count} requests): p50 ${ms(own.p50)}, p99 ${ms(own.p99)}, max ${ms(own.max)}`,
      `    of which the dispatcher's handing the request to fetch → headers written: p50 ${ms(own.write?.p50 ?? Number.NaN)}, p99 ${ms(own.write?.p99 ?? Number.NaN)}, max ${ms(own.write?.max ?? Number.NaN)} (the rest: waiting for the call's earlier events, delivered in order)`,
      `  event stamped on the mock's clock → request read by the app in the bench's process (its queueing included): p50 ${percentile(delays, 50)} ms, p99 ${percentile(delays, 99)} ms, max ${delays.at(-1)} ms`,
      `  the mock's event-loop lag (how late a timer fires): p50 ${lag.p50} ms, p99 ${lag.p99} ms, max ${lag.max} ms`,
      `  runs: ${report.runs.passed} passed, ${report.runs.failed} failed; the app's turn latency p50 ${report.runs.latencyMs.p50} ms, p99 ${report.runs.latencyMs.p99} ms`,
    ];
  } finally {
    app.server.close();
    mock.child.kill('SIGTERM');
  }
}

interface Progress {
  calls: { byStatus: Record<string, number> };
  webhooks: { attempts: number; pending: number };
}

/**
 * Advances the manual clock a second at a time, letting the app answer in between: a second is
 * over when the mock has no delivery pending, the app is handling none, and no attempt was made
 * since the last look (the mock's own report says so, not the app, which may not have heard yet).
 */
async function playSeconds(mockUrl: string, app: Awaited<ReturnType<typeof minimalApp>>, seconds: number) {
  for (let s = 0; s < seconds; s++) {
    await json(`${mockUrl}/__mock/clock/advance`, 'POST', { seconds: 1 });
    let attempts = -1;
    for (let quiet = 0; quiet < 2; ) {
      await sleep(10);
      const { webhooks } = await json<Progress>(`${mockUrl}/__mock/report`);
      quiet = app.seen.busy === 0 && webhooks.pending === 0 && webhooks.attempts === attempts ? quiet + 1 : 0;
      attempts = webhooks.attempts;
    }
  }
}

/** Calls in progress, as the mock counts them. */
const liveCalls = async (mockUrl: string) =>
  (await json<Progress>(`${mockUrl}/__mock/report`)).calls.byStatus['in-progress'] ?? 0;

async function memoryAndReport(): Promise<string[]> {
  const mock = await startMockChild('manual');
  const app = await minimalApp(mock.url);
  try {
    const agentId = await defineCampaign(mock.url);
    const before = readMemory(mock.child.pid ?? 0)?.rssMiB ?? 0;
    let rssLive = 0;
    let liveAtReading = 0;
    let firstRound = '';
    for (let round = 0; round * CALLS < RUNS; round++) {
      await placeCalls(mock.url, round * CALLS, CALLS, agentId, app.hook);
      // Answered at 1 s, the first turn said and answered: every call of the round is mid-script.
      await playSeconds(mock.url, app, 3);
      const rss = readMemory(mock.child.pid ?? 0)?.rssMiB ?? 0;
      const live = await liveCalls(mock.url);
      if (round === 0) {
        const heap = await askMock(mock, 'memory');
        firstRound = `${rss.toFixed(1)} MiB with ${live} scripted calls live mid-script (of which V8's heap in use ${heap.heapUsed} MiB, external ${heap.external} MiB)`;
      }
      if (rss > rssLive) {
        rssLive = rss;
        liveAtReading = live;
      }
      await playSeconds(mock.url, app, 20);
    }
    const timings: number[] = [];
    let runs = 0;
    for (let i = 0; i < 5; i++) {
      const started = performance.now();
      const report = await json<{ runs: { runs: number } }>(`${mock.url}/__mock/report`);
      timings.push(performance.now() - started);
      runs = report.runs.runs;
    }
    timings.sort((a, b) => a - b);
    return [
      `memory: RSS ${firstRound} (${before.toFixed(1)} MiB before the first call); the highest of ${Math.ceil(RUNS / CALLS)} rounds ${rssLive.toFixed(1)} MiB with ${liveAtReading} in progress`,
      `report: GET /__mock/report over ${runs} settled runs: median ${timings[2]?.toFixed(1)} ms, slowest of 5 ${timings[4]?.toFixed(1)} ms (HTTP round trip included)`,
    ];
  } finally {
    app.server.close();
    mock.child.kill('SIGTERM');
  }
}

const only = args[args.indexOf('--only') + 1];
if (!args.includes('--only') || only === 'dispatch')
  process.stdout.write(`${(await dispatch()).join('\n')}\n`);
if (!args.includes('--only') || only === 'memory')
  process.stdout.write(`${(await memoryAndReport()).join('\n')}\n`);
