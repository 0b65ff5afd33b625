// After bundle.mjs: one training run of `telemock serve` from dist/, which then writes V8's code
// cache of dist/mock/cli.cjs (bin/require-with-code-cache.ts): the code of its top level and of
// every function the start and these first requests ran. The next `npm start` loads that instead
// of compiling. A run that fails leaves no cache (start-up compiles as before) and says so.
//
// `--heap-growth 0`: V8 refuses a cache made under other V8 flags, and --heap-growth sets one
// (after the bundle is loaded, so a normal start loads the cache under V8's defaults, as made here).
import { spawn } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const CACHE = fileURLToPath(new URL('../dist/mock/cli.cjs.v8cache', import.meta.url));
const TIMEOUT_MS = 20_000;

const child = spawn(
  process.execPath,
  ['dist/bin/telemock.js', 'serve', '--port', '0', '--heap-growth', '0'],
  {
    cwd: ROOT,
    env: { ...process.env, TELEMOCK_CODE_CACHE_OUT: CACHE },
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
const exited = new Promise((resolve) => child.once('exit', resolve));
const timer = setTimeout(() => child.kill('SIGKILL'), TIMEOUT_MS);

const url = await new Promise((resolve, reject) => {
  let out = '';
  child.stdout.on('data', (chunk) => {
    out += chunk;
    const found = /serving the AI telephony API on (http:\/\/\S+)/.exec(out);
    if (found) resolve(found[1]);
  });
  child.once('exit', (code) => reject(new Error(`telemock serve exited (${code}) before it listened`)));
});

// What a first session does: reads, writes, a refusal, the same again (the answers are not checked
// here; the tests do that).
const send = (method, path, body, token = 'demo-token') =>
  fetch(`${url}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body ? { 'content-type': 'application/json' } : {}),
    },
    ...(body ? { body: JSON.stringify(body) } : {}),
  }).then((response) => response.json());
try {
  for (let round = 0; round < 3; round++) {
    await send('GET', '/calls');
    const agent = await send('POST', '/agents', { name: 'Training' });
    const call = await send('POST', '/calls', { to: '+14155550123', agentId: agent.id });
    await send('GET', `/calls/${call.id}`);
    await send('GET', '/agents');
    await send('POST', '/calls', { to: 'nobody' });
    await send('GET', '/calls/call_none');
    await send('GET', '/calls', undefined, '');
  }
} finally {
  child.kill('SIGTERM');
  await exited;
  clearTimeout(timer);
}

if (!existsSync(CACHE)) {
  process.stderr.write('warning: no code cache was written; `telemock serve` will compile at start-up\n');
} else {
  process.stdout.write(
    `wrote the code cache of dist/mock/cli.cjs (${(statSync(CACHE).size / 1024).toFixed(0)} KiB)\n`,
  );
}
