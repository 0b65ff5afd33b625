// In-process figures of issue 16, in a fresh process each (cold, as a test file starts):
//   node bench/peers/msw-process.mjs first        import msw, then telemock/msw + createHandlers + first answer
//   node bench/peers/msw-process.mjs bare-first   import msw, then a bare handler + first answer
//   node bench/peers/msw-process.mjs sequential N sequential GET /calls/{callId}: bare handler vs telemock, interleaved
// Each prints one JSON line.
import { readFileSync } from 'node:fs';

const BASE = 'http://telemock.bench.test';
const AUTH = { authorization: 'Bearer demo-token' };
const JSON_AUTH = { ...AUTH, 'content-type': 'application/json' };
const mode = process.argv[2];
const t0 = performance.now();
const { http, HttpResponse } = await import('msw');
const { setupServer } = await import('msw/node');
const tMsw = performance.now();

const queuedCall = () =>
  JSON.parse(readFileSync(new URL('../../spec/generated/openapi.json', import.meta.url), 'utf8')).document
    .components.examples.QueuedCall.value;

function bareServer(call) {
  return setupServer(
    http.get(`${BASE}/calls/:callId`, ({ params }) => HttpResponse.json({ ...call, id: params.callId })),
  );
}

async function telemockServer() {
  const { createHandlers } = await import('telemock/msw');
  const mock = await createHandlers({ baseUrl: BASE, rateLimit: 0 });
  return { server: setupServer(...mock.handlers), mock };
}

const get = async (url) => {
  const response = await fetch(url, { headers: AUTH });
  await response.text();
  if (response.status !== 200) throw new Error(`GET ${url} → ${response.status}`);
};

if (mode === 'first') {
  const { server, mock } = await telemockServer();
  const tCreate = performance.now();
  server.listen({ onUnhandledRequest: 'error' });
  await get(`${BASE}/calls`);
  const tFirst = performance.now();
  console.log(
    JSON.stringify({
      mswImportMs: tMsw - t0,
      telemockMs: tFirst - tMsw,
      createMs: tCreate - tMsw,
      firstAnswerMs: tFirst - tCreate,
    }),
  );
  server.close();
  mock.telephony.clock.clear();
} else if (mode === 'bare-first') {
  const server = bareServer(queuedCall());
  server.listen({ onUnhandledRequest: 'error' });
  await get(`${BASE}/calls/call_1`);
  console.log(JSON.stringify({ mswImportMs: tMsw - t0, bareMs: performance.now() - tMsw }));
  server.close();
} else if (mode === 'sequential') {
  const n = Number(process.argv[3] ?? 2000);
  const bare = bareServer(queuedCall());
  const { server: telemock, mock } = await telemockServer();
  telemock.listen();
  const agent = await (
    await fetch(`${BASE}/agents`, { method: 'POST', headers: JSON_AUTH, body: '{"name":"Bench"}' })
  ).json();
  const call = await (
    await fetch(`${BASE}/calls`, {
      method: 'POST',
      headers: JSON_AUTH,
      body: JSON.stringify({ to: '+14155550123', agentId: agent.id }),
    })
  ).json();
  telemock.close();
  const run = async (server, url) => {
    server.listen();
    const start = performance.now();
    for (let i = 0; i < n; i++) await get(url);
    const perSecond = (n * 1000) / (performance.now() - start);
    server.close();
    return perSecond;
  };
  const rounds = { bare: [], telemock: [] };
  // Warm-up of both, then alternate so that a busy moment of the machine hits both alike.
  await run(bare, `${BASE}/calls/${call.id}`);
  await run(telemock, `${BASE}/calls/${call.id}`);
  for (let round = 0; round < 3; round++) {
    rounds.bare.push(await run(bare, `${BASE}/calls/${call.id}`));
    rounds.telemock.push(await run(telemock, `${BASE}/calls/${call.id}`));
  }
  console.log(JSON.stringify(rounds));
  mock.telephony.clock.clear();
} else {
  throw new Error(`unknown mode ${mode}`);
}
