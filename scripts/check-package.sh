#!/usr/bin/env bash
# `npm pack` → install the tarball in an empty project → its entry points import, run and
# type-check there (ESM), `require` in plain CommonJS, and serve a Jest suite in the usual MSW setup
# (a CommonJS handlers module, `setupServer` in setupFilesAfterEach). What an integrator gets.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# dist/ is already built (npm ci ran `prepare`); pack it as it is.
tarball=$(cd "$root" && npm pack --silent --ignore-scripts --pack-destination "$work" | tail -n 1)
mkdir "$work/app" && cd "$work/app"
npm init -y >/dev/null
npm pkg set type=module >/dev/null
npm install --no-audit --no-fund --prefer-offline "$work/$tarball" msw@2.15.0 typescript@5.9.3 @types/node@20 \
  jest@30.5.2 '@babel/plugin-transform-modules-commonjs@^7' >/dev/null

cat > check.ts <<'TS'
import { createTelephonyClient, verifyWebhook, type components } from 'telemock';
import { createHandlers, type TelemockMsw } from 'telemock/msw';
import { createHandlers as createBrowserHandlers } from 'telemock/msw/browser';
import { connectMock, startMock } from 'telemock/server';

const mock = await startMock({ port: 0, timeScale: 'manual' });
const api = createTelephonyClient({ baseUrl: mock.url, token: 'demo-token' });
const agent = await api.POST('/agents', { body: { name: 'Packaged' } });
const created: components['schemas']['Agent'] | undefined = agent.data;
if (agent.response.status !== 201 || !created?.id.startsWith('agt_')) throw new Error(`createAgent: ${agent.response.status}`);
// Synchronous: the handle, not a promise (a setup module can export its handlers at the top level).
const handlers: TelemockMsw = createHandlers({ baseUrl: 'https://api.example.test' });
if (handlers instanceof Promise || handlers.handlers.length === 0) throw new Error('no MSW handlers');
// The browser entry carries the specs inside the package (no file reads): it runs anywhere.
const bundled = createBrowserHandlers({ baseUrl: 'https://api.example.test' });
if (bundled.handlers.length === 0) throw new Error('no MSW handlers from telemock/msw/browser');
if (typeof verifyWebhook !== 'function') throw new Error('verifyWebhook missing');
// The test driver over HTTP, as a test steers a mock in another process.
const remote = await connectMock(mock.url);
const clock = await remote.clock.advance(5);
if (typeof clock.now !== 'string') throw new Error('connectMock: clock.advance answered no time');
await remote.reset();
if ((await remote.report()).calls.total !== 0) throw new Error('connectMock: the report after reset is not empty');
await mock.close();
console.log('package OK: telemock, telemock/server, telemock/msw and telemock/msw/browser import, run and type-check');
TS
cat > tsconfig.json <<'JSON'
{ "compilerOptions": { "target": "ES2022", "module": "nodenext", "moduleResolution": "nodenext", "strict": true, "noEmit": true, "skipLibCheck": false, "lib": ["ES2022", "DOM", "DOM.Iterable"], "types": ["node"] }, "include": ["check.ts"] }
JSON
# Type-check against the package's declarations, then run the compiled check.
npx tsc -p tsconfig.json --noEmit false --outDir out
node out/check.js

# CommonJS: `require` gives the CommonJS builds (the `require` condition of the exports).
cat > check.cjs <<'JS'
const { createHandlers } = require('telemock/msw');
const { createTelephonyClient } = require('telemock');
const { setupServer } = require('msw/node');
const mock = createHandlers({ baseUrl: 'https://api.example.test' });
if (typeof mock.advance !== 'function' || mock instanceof Promise) throw new Error('createHandlers is not synchronous');
const server = setupServer(...mock.handlers);
server.listen({ onUnhandledRequest: 'error' });
const api = createTelephonyClient({ baseUrl: 'https://api.example.test', token: 'demo-token' });
api.POST('/agents', { body: { name: 'CommonJS' } }).then((agent) => {
  server.close();
  if (agent.response.status !== 201) throw new Error(`createAgent under require: ${agent.response.status}`);
  console.log('package OK: telemock and telemock/msw under require()');
});
JS
node check.cjs

# Jest (CommonJS, which cannot `require` ES modules): handlers exported at the top of a setup
# module, `setupServer(...handlers)` around every test file, the handle steering the clock.
mkdir -p jest/mocks
cat > jest/mocks/handlers.cjs <<'JS'
const { createHandlers } = require('telemock/msw');
const mock = createHandlers({ baseUrl: 'https://api.example.test' });
module.exports = { mock, handlers: mock.handlers };
JS
cat > jest/setup.cjs <<'JS'
const { setupServer } = require('msw/node');
const { mock, handlers } = require('./mocks/handlers.cjs');
const server = setupServer(...handlers);
beforeAll(() => server.listen({ onUnhandledRequest: 'error' }));
beforeEach(() => mock.reset());
afterAll(() => server.close());
JS
cat > jest/calls.test.cjs <<'JS'
const { mock } = require('./mocks/handlers.cjs');
const BASE = 'https://api.example.test';
const send = (method, path, body, token = 'demo-token') =>
  fetch(`${BASE}${path}`, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });

test('a call is answered when the mock’s clock moves', async () => {
  const agent = await (await send('POST', '/agents', { name: 'Jest' })).json();
  const created = await send('POST', '/calls', { to: '+14155550123', agentId: agent.id });
  expect(created.status).toBe(201);
  const call = await created.json();
  mock.advance(4);
  expect((await (await send('GET', `/calls/${call.id}`)).json()).status).toBe('in-progress');
});

test('a read-only token writing gets 403, an unknown one 401', async () => {
  expect((await send('POST', '/agents', { name: 'No' }, 'demo-token-readonly')).status).toBe(403);
  expect((await send('GET', '/calls', undefined, 'nobody')).status).toBe(401);
});
JS
cat > jest/jest.config.cjs <<'JS'
// msw 2.13+ itself depends on ES-module-only packages, which Jest on Node < 24.9 cannot require:
// babel-jest turns those into CommonJS, as every Jest user of msw must. telemock needs nothing here.
module.exports = {
  testEnvironment: 'node',
  testMatch: ['**/*.test.cjs'],
  moduleFileExtensions: ['js', 'mjs', 'cjs'],
  setupFilesAfterEnv: ['<rootDir>/setup.cjs'],
  transform: { '\\.m?js$': ['babel-jest', { plugins: ['@babel/plugin-transform-modules-commonjs'] }] },
  transformIgnorePatterns: ['/node_modules/(?!(rettime|until-async|@open-draft/deferred-promise)/)'],
};
JS
(cd jest && npx jest --config jest.config.cjs --ci 2>&1) | tee jest.log | tail -n 8
grep -q 'Tests: *2 passed, 2 total' jest.log
echo 'package OK: a Jest (CommonJS) suite runs over createHandlers from telemock/msw'

# The command line from the package, every subcommand run for real on the Node that runs this
# script (CI runs it on Node 24 and 22). `telemock serve` (its module bundled by the build, over
# Node's compile cache) answers the API, serves Swagger UI and the inspector (loaded on a visit),
# and logs through pino-pretty's worker on a terminal.
echo "package check on Node $(node --version)"
pids=()
trap 'for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; rm -rf "$work"' EXIT
script -qec "npx telemock serve --port 0 --time-scale 20" /dev/null > serve.log 2>&1 &
serve=$!
pids+=("$serve")
for _ in $(seq 100); do grep -q 'serving the AI telephony API' serve.log && break; sleep 0.1; done
url=$(grep -o 'http://127.0.0.1:[0-9]*' serve.log | head -n 1)
[ "$(curl -s -o /dev/null -w '%{http_code}' -H 'authorization: Bearer demo-token' "$url/calls")" = 200 ]
[ "$(curl -s -o /dev/null -w '%{http_code}' "$url/docs/")" = 200 ]
[ "$(curl -s -o /dev/null -w '%{http_code}' "$url/__mock/ui/main.js")" = 200 ]
for _ in $(seq 50); do grep -q 'INFO' serve.log && break; sleep 0.1; done
grep -q 'INFO' serve.log || { echo 'no pretty log line from telemock serve on a terminal' >&2; cat serve.log >&2; exit 1; }
echo "package OK: telemock serve answers from the package, with pretty logs on a terminal"

# `telemock contract` judges the packaged mock: every check it runs by default passes (exit 0).
npx telemock contract --base-url "$url" --token demo-token --readonly-token demo-token-readonly \
  --other-token demo-token-other --suspended-token demo-token-suspended --junit contract.xml > contract.log 2>&1 \
  || { echo 'telemock contract failed against the packaged mock' >&2; tail -n 40 contract.log >&2; exit 1; }
grep -q '^PASS ' contract.log && grep -q '<testsuites' contract.xml
echo "package OK: telemock contract passes against the packaged mock ($(grep -o '[0-9]* passed' contract.log | head -n 1))"

# `telemock dial` places calls through the API and waits for their ends (busy and failed numbers end
# in seconds of the scaled clock); `telemock report` reads the report: 0 with no threshold, 1 when a
# threshold fails (no scenario run has settled, so no pass rate reaches 95), 2 when no mock answers.
agent=$(curl -s -H 'authorization: Bearer demo-token' -H 'content-type: application/json' \
  -d '{"name":"Dialer"}' "$url/agents" | grep -o '"id":"agt_[A-Za-z0-9]*"' | head -n 1 | cut -d'"' -f4)
printf '+15005550011\n+15005550013\n' > numbers.txt
npx telemock dial --url "$url" --token demo-token --agent "$agent" --numbers numbers.txt --wait --wait-timeout 60 > dial.log 2>&1 \
  || { echo 'telemock dial failed against the packaged mock' >&2; cat dial.log >&2; exit 1; }
code=0; npx telemock report --url "$url" --junit report.xml > report.log 2>&1 || code=$?
[ "$code" = 0 ] && grep -q '<testsuites' report.xml || { echo "telemock report: exit $code" >&2; cat report.log >&2; exit 1; }
code=0; npx telemock report --url "$url" --min-pass-rate 95 > report.log 2>&1 || code=$?
[ "$code" = 1 ] || { echo "telemock report --min-pass-rate 95 with no settled run: exit $code, not 1" >&2; cat report.log >&2; exit 1; }
code=0; npx telemock report --url http://127.0.0.1:9 > report.log 2>&1 || code=$?
[ "$code" = 2 ] || { echo "telemock report against no mock: exit $code, not 2" >&2; exit 1; }
echo 'package OK: telemock dial places and follows calls; telemock report exits 0 / 1 / 2'
kill "$serve"; wait "$serve" 2>/dev/null || true

# `telemock proxy` in front of a deliberately broken upstream: an agent whose id is a number. The
# proxy forwards the answer unchanged, prints the violation as it happens, and exits 1 on SIGINT.
# (The installed bin itself, not npx: npx does not pass a signal on to the command it runs.)
cat > broken-upstream.mjs <<'JS'
import { createServer } from 'node:http';
const server = createServer((req, res) => {
  res.writeHead(200, {
    'content-type': 'application/json',
    'x-ratelimit-limit': '100', 'x-ratelimit-remaining': '99', 'x-ratelimit-reset': '1767225660',
    'x-request-id': 'req_0000000000000001',
  });
  res.end(JSON.stringify({ data: [{ id: 42 }], hasMore: false }));
});
server.listen(0, '127.0.0.1', () => console.log(`http://127.0.0.1:${server.address().port}`));
JS
node broken-upstream.mjs > upstream.log &
pids+=($!)
for _ in $(seq 50); do grep -q http upstream.log && break; sleep 0.1; done
upstream=$(head -n 1 upstream.log)
./node_modules/.bin/telemock proxy --upstream "$upstream" --port 0 > proxy.log 2>&1 &
proxy=$!
pids+=("$proxy")
for _ in $(seq 100); do grep -q 'Validating proxy on' proxy.log && break; sleep 0.1; done
proxied=$(grep -o 'Validating proxy on http://127.0.0.1:[0-9]*' proxy.log | grep -o 'http://.*')
[ "$(curl -s -H 'authorization: Bearer demo-token' "$proxied/agents")" = '{"data":[{"id":42}],"hasMore":false}' ]
for _ in $(seq 50); do grep -q '✖ response GET /agents' proxy.log && break; sleep 0.1; done
kill -INT "$proxy"
code=0; wait "$proxy" || code=$?
grep -q '✖ response GET /agents → 200 schema' proxy.log && grep -q 'SIGINT: 1 exchanges checked' proxy.log && [ "$code" = 1 ] \
  || { echo "telemock proxy did not report the broken upstream (exit $code)" >&2; cat proxy.log >&2; exit 1; }
echo 'package OK: telemock proxy forwards, prints the broken upstream’s violation and exits 1'
# Prism is a devDependency of telemock, not installed with it: --engine prism says so, exit 2.
code=0; npx telemock proxy --upstream "$upstream" --engine prism > prism.log 2>&1 || code=$?
[ "$code" = 2 ] && grep -q 'Prism is not installed here' prism.log \
  || { echo "telemock proxy --engine prism without Prism: exit $code" >&2; cat prism.log >&2; exit 1; }
echo 'package OK: telemock proxy --engine prism explains that Prism is not installed'

npx telemock --help | grep -q 'telemock proxy'
echo "package OK: every telemock subcommand runs from the package on Node $(node --version)"
