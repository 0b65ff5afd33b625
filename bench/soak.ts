import { spawn } from 'node:child_process';
import { once } from 'node:events';
import autocannon from 'autocannon';
import { readMemory } from './harness/memory.js';

// npm run soak [-- --seconds 60 --connections 200]: a mixed load on a mock in its own process
// (loopback only), printing its RSS every 5 s. What "memory stays bounded" means: RSS plateaus.
const arg = (name: string, fallback: number) => {
  const at = process.argv.indexOf(`--${name}`);
  return at < 0 ? fallback : Number(process.argv[at + 1]);
};
const seconds = Math.min(arg('seconds', 60), 600);
const connections = Math.min(arg('connections', 200), 500);

const child = spawn(process.execPath, ['--import', 'tsx', 'bench/peers/soak-mock.ts'], {
  stdio: ['ignore', 'pipe', 'inherit'],
});
const [line] = (await once(child.stdout, 'data')) as [Buffer];
const url = line.toString().trim();
if (!url.startsWith('http://127.0.0.1:')) throw new Error(`the mock did not start: ${url}`);
const pid = child.pid as number;

const auth = (token: string) => ({ authorization: `Bearer ${token}`, 'content-type': 'application/json' });
async function post(path: string, body: unknown, token = 'demo-token') {
  const response = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: auth(token),
    body: JSON.stringify(body),
  });
  return (await response.json()) as { id: string };
}
const agent = await post('/agents', { name: 'Soak desk' });
const call = await post('/calls', {
  to: '+14155550123',
  agentId: agent.id,
  webhookUrl: 'http://127.0.0.1:9/hooks',
});

// Every kind of traffic the issue names: creations that pile up (agents, calls, texts), reads,
// actions on a live call, bodies with thousands of bad fields, inline audio, the odd URLs.
const manyKeys = JSON.stringify(
  Object.fromEntries(Array.from({ length: 5_000 }, (_, i) => [`k${i}`, 'x'.repeat(30)])),
);
const inlineAudio = JSON.stringify({ content: 'A'.repeat(700_000), format: 'wav' });
const requests: autocannon.Request[] = [
  { method: 'POST', path: '/agents', headers: auth('demo-token'), body: JSON.stringify({ name: 'Desk' }) },
  {
    method: 'POST',
    path: '/agents',
    headers: auth('demo-token-other'),
    body: JSON.stringify({
      name: 'Clone',
      voice: { type: 'clone', sampleUrls: ['https://cdn.example.com/a.wav'] },
    }),
  },
  {
    method: 'POST',
    path: '/calls',
    headers: auth('demo-token'),
    body: JSON.stringify({ to: '+14155550123', agentId: agent.id }),
  },
  { method: 'GET', path: '/calls?limit=50', headers: auth('demo-token') },
  { method: 'GET', path: `/calls/${call.id}`, headers: auth('demo-token') },
  {
    method: 'POST',
    path: '/texts',
    headers: auth('demo-token'),
    body: JSON.stringify({ to: '+14155550123', body: 'Your order ships today.' }),
  },
  {
    method: 'POST',
    path: `/calls/${call.id}/respond`,
    headers: auth('demo-token'),
    body: JSON.stringify({ text: 'Still there?' }),
  },
  { method: 'POST', path: '/agents', headers: auth('demo-token'), body: manyKeys },
  { method: 'PUT', path: `/calls/${call.id}/audio`, headers: auth('demo-token'), body: inlineAudio },
  {
    method: 'PUT',
    path: '/texts/webhook',
    headers: auth('demo-token'),
    body: JSON.stringify({ url: 'http://' }),
  },
  { method: 'GET', path: '/agents?limit=100', headers: auth('demo-token') },
];

const samples: Array<[number, number]> = [];
const started = Date.now();
const sampler = setInterval(() => {
  const memory = readMemory(pid);
  if (!memory) return;
  const at = Math.round((Date.now() - started) / 1000);
  samples.push([at, memory.rssMiB]);
  console.log(`t=${String(at).padStart(3)} s  RSS ${memory.rssMiB.toFixed(0)} MiB`);
}, 5_000);
const result = await autocannon({ url, connections, duration: seconds, requests });
clearInterval(sampler);
const after = readMemory(pid);
const statuses = Object.fromEntries(
  Object.entries(result.statusCodeStats ?? {}).map(([code, s]) => [code, s.count]),
);
console.log(
  `${result.requests.total} requests in ${seconds} s (${Math.round(result.requests.average)} req/s), errors ${result.errors}, timeouts ${result.timeouts}`,
);
console.log(`statuses ${JSON.stringify(statuses)}`);
console.log(`RSS at the end ${after?.rssMiB.toFixed(0)} MiB, peak ${after?.peakRssMiB.toFixed(0)} MiB`);
const health = await fetch(`${url}/__mock/clock`);
console.log(`the mock after the soak: GET /__mock/clock → ${health.status}`);
child.kill('SIGTERM');
await once(child, 'exit');
process.exit(health.status === 200 && statuses['500'] === undefined ? 0 : 1);
