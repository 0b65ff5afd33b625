import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningMock, startMock } from '../exports/server.js';
import { type BreakingUpstream, startBreakingUpstream } from './support/dredd-breaking-upstream.js';

const BIN = new URL('../bin/telemock.ts', import.meta.url).pathname;
const AUTH = { Authorization: 'Bearer demo-token', 'Content-Type': 'application/json' };

interface ProxyRun {
  url: string;
  child: ChildProcessWithoutNullStreams;
  output: () => string;
}

/** Starts `telemock proxy --upstream URL --port 0` as a real process and waits for its address. */
async function startProxyCli(upstream: string, extra: string[] = []): Promise<ProxyRun> {
  const child = spawn(
    process.execPath,
    ['--import', import.meta.resolve('tsx'), BIN, 'proxy', '--upstream', upstream, '--port', '0', ...extra],
    { env: { ...process.env, NO_COLOR: '1' } },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  const url = await new Promise<string>((resolve, reject) => {
    const check = () => {
      const match = /Validating proxy on (http:\/\/\S+)/.exec(output);
      if (match?.[1]) resolve(match[1]);
    };
    child.stdout.on('data', check);
    child.once('exit', (code) => reject(new Error(`proxy exited ${code}: ${output}`)));
  });
  return { url, child, output: () => output };
}

/** Stops the proxy the way a user does (Ctrl-C) and returns its exit code and everything it printed. */
async function interrupt(run: ProxyRun): Promise<{ code: number | null; output: string }> {
  const exited = new Promise<number | null>((resolve) => run.child.once('exit', resolve));
  run.child.kill('SIGINT');
  return { code: await exited, output: run.output() };
}

/** A little traffic through the proxy: create an agent, read it, list agents. */
async function traffic(base: string): Promise<void> {
  const created = await fetch(`${base}/agents`, { method: 'POST', headers: AUTH, body: '{"name":"Proxy"}' });
  expect(created.status).toBe(201);
  const { id } = (await created.json()) as { id: string };
  expect((await fetch(`${base}/agents/${id}`, { headers: AUTH })).status).toBe(200);
  expect((await fetch(`${base}/agents?limit=5`, { headers: AUTH })).status).toBe(200);
}

describe('telemock proxy', () => {
  let mock: RunningMock;
  let broken: BreakingUpstream;

  beforeAll(async () => {
    mock = await startMock({ port: 0, timeScale: 20 });
    // The agent's maxCallDurationSeconds as a string: a wrong field type in one response.
    broken = await startBreakingUpstream(mock.url, (method, path, body) =>
      method === 'GET' && /^\/agents\/agt_\w+$/.test(path) && typeof body === 'object'
        ? { ...body, maxCallDurationSeconds: '600' }
        : undefined,
    );
  });

  afterAll(async () => {
    await broken?.close();
    await mock?.close();
  });

  it('forwards good traffic to the mock and reports no violation', async () => {
    const run = await startProxyCli(mock.url);
    await traffic(run.url);
    const { code, output } = await interrupt(run);
    expect(output).not.toContain('✖');
    expect(output).toMatch(/SIGINT: 3 exchanges checked, no violations/);
    expect(code).toBe(0);
  }, 60_000);

  it('prints each violation of a broken upstream as it happens, a summary, and exits 1', async () => {
    const run = await startProxyCli(broken.url);
    await traffic(run.url);
    const { code, output } = await interrupt(run);
    expect(broken.broken()).toBe(1);
    expect(output).toMatch(
      /✖ response GET \/agents\/agt_\w+ → 200 schema: \/body\/maxCallDurationSeconds must be integer/,
    );
    expect(output).toMatch(
      /3 exchanges checked, 1 violations \(1 by the upstream's responses, 0 by requests\)/,
    );
    expect(code).toBe(1);
  }, 60_000);

  it('tells the client it broke the contract, forwards the request anyway, and exits 1', async () => {
    const run = await startProxyCli(mock.url);
    const response = await fetch(`${run.url}/agents?limit=0`, { headers: AUTH });
    // The proxy judges, never answers for the upstream: the mock's own 400 comes back.
    expect(response.status).toBe(400);
    expect((await response.json()).code).toBe('validation_failed');
    const { code, output } = await interrupt(run);
    expect(output).toMatch(/✖ request GET \/agents\?limit=0 → 400 request: \/query\/limit must be >= 1/);
    expect(output).toMatch(/1 violations \(0 by the upstream's responses, 1 by requests\)/);
    expect(code).toBe(1);
  }, 60_000);

  it('with --engine prism, Prism judges as a second opinion', async () => {
    const run = await startProxyCli(broken.url, ['--engine', 'prism']);
    await traffic(run.url);
    const { code, output } = await interrupt(run);
    expect(output).toMatch(/judged by Prism's checks/);
    expect(output).toMatch(
      /✖ response GET \/agents\/agt_\w+ → 200 body\.maxCallDurationSeconds: .*must be integer/,
    );
    expect(code).toBe(1);
  }, 60_000);
});
