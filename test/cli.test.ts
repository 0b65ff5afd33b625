import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { serveOptions } from '../mock/cli.js';
import { connectTestMock } from './support/mock-api.js';

// tsx directly rather than through npx: npx does not pass SIGTERM on to the command it runs, and
// what is under test is telemock's own handling of the signal (tsx relays it, as under `npm start`).
const TSX = 'node_modules/.bin/tsx';
const BASE_ARGS = ['bin/telemock.ts', 'serve'];

interface Served {
  child: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  exit: Promise<number | null>;
}

const running = new Set<ChildProcess>();
afterEach(() => {
  // A test that failed half-way must not leave its mock behind: end the whole process group it leads.
  for (const child of running) {
    if (child.exitCode === null && child.signalCode === null && child.pid !== undefined) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
  }
  running.clear();
});

function telemock(args: string[], env: Record<string, string> = {}): Served {
  const child = spawn(TSX, [...BASE_ARGS, ...args], {
    cwd: process.cwd(),
    detached: true,
    env: { ...process.env, NO_COLOR: '1', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  let out = '';
  let err = '';
  child.stdout?.on('data', (chunk) => {
    out += chunk;
  });
  child.stderr?.on('data', (chunk) => {
    err += chunk;
  });
  const exit = once(child, 'exit').then(([code]) => code as number | null);
  return { child, stdout: () => out, stderr: () => err, exit };
}

/** Waits until the banner is out (its last line names the clock), or the process ends. */
async function banner(served: Served): Promise<string> {
  const ended = served.exit.then(() => {
    throw new Error(`telemock exited before serving:\n${served.stdout()}\n${served.stderr()}`);
  });
  const ready = new Promise<string>((resolve) => {
    const check = () => {
      if (/clock .*\n/.test(served.stdout())) resolve(served.stdout());
      else served.child.stdout?.once('data', check);
    };
    check();
  });
  return Promise.race([ready, ended]);
}

/** SIGTERM, and the exit code, failing rather than hanging if it never exits. */
async function stop(served: Served): Promise<number | null> {
  served.child.kill('SIGTERM');
  const deadline = new Promise<'hung'>((resolve) => setTimeout(() => resolve('hung'), 10_000).unref());
  const code = await Promise.race([served.exit, deadline]);
  expect(code, 'telemock did not exit after SIGTERM').not.toBe('hung');
  return code as number | null;
}

const urlIn = (text: string) => /serving the AI telephony API on (http:\/\/\S+)/.exec(text)?.[1];

describe('telemock serve', () => {
  it('prints the URL, the four tokens and the docs link, serves, and exits 0 on SIGTERM', async () => {
    const served = telemock(['--port', '0', '--time-scale', 'manual', '--log-level', 'silent']);
    const text = await banner(served);
    const url = urlIn(text);
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    for (const token of ['demo-token', 'demo-token-readonly', 'demo-token-other', 'demo-token-suspended'])
      expect(text).toMatch(new RegExp(`^\\s+${token}\\s`, 'm'));
    expect(text).toContain(`${url}/docs`);
    const api = await connectTestMock(url as string);
    const calls = await api.get('/calls');
    expect([calls.status, calls.body.data]).toEqual([200, []]);
    // Manual clock, as asked.
    expect((await api.get('/__mock/clock')).body.scale).toBe('manual');
    expect(await stop(served)).toBe(0);
  });

  it('SIGTERM does not wait for a request the mock is holding (a timeout fault)', async () => {
    const served = telemock(['--port', '0', '--time-scale', 'manual', '--log-level', 'silent']);
    const api = await connectTestMock(urlIn(await banner(served)) as string);
    const armed = await api.post('/__mock/faults', {
      operationId: 'listCalls',
      kind: 'timeout',
      delayMs: 120_000,
    });
    expect(armed.status).toBe(201);
    const held = api.get('/calls').then(
      () => 'answered',
      () => 'dropped',
    );
    // The request has reached the mock once the fault is used up.
    while ((await api.get('/__mock/faults')).body.faults.length > 0);
    expect(await stop(served)).toBe(0);
    expect(await held).toBe('dropped');
  });

  it('--help exits 0 and lists the flags', async () => {
    const served = telemock(['--help']);
    expect(await served.exit).toBe(0);
    for (const flag of ['--port', '--host', '--seed', '--time-scale', '--rate-limit', '--config', '--help'])
      expect(served.stdout()).toContain(flag);
  });

  const refused: Array<[string, { args: string[]; message: RegExp }]> = [
    ['--time-scale fast', { args: ['--time-scale', 'fast'], message: /--time-scale/ }],
    ['an unknown flag', { args: ['--colour', 'blue'], message: /colour/ }],
    ['a port that is not a number', { args: ['--port', 'http'], message: /--port/ }],
  ];
  for (const [name, { args, message }] of refused) {
    it(`${name} exits 2 with a message`, async () => {
      const served = telemock([...args, '--log-level', 'silent']);
      expect(await served.exit).toBe(2);
      expect(served.stderr()).toMatch(message);
      expect(served.stdout()).not.toContain('serving');
    });
  }

  describe('--config FILE', () => {
    let dir: string;
    beforeAll(async () => {
      dir = await mkdtemp(join(tmpdir(), 'telemock-cli-'));
    });
    afterAll(() => rm(dir, { recursive: true, force: true }));

    it('a YAML file with a custom user: its token works, the default tokens are unknown', async () => {
      const file = join(dir, 'telemock.yaml');
      await writeFile(
        file,
        [
          'seed: 11',
          'users:',
          '  - id: acme',
          "    number: '+15005550177'",
          '    tokens:',
          '      - { token: acme-ci-token, access: full }',
          '',
        ].join('\n'),
      );
      const served = telemock([
        '--config',
        file,
        '--port',
        '0',
        '--time-scale',
        'manual',
        '--log-level',
        'silent',
      ]);
      const text = await banner(served);
      expect(text).toContain('acme-ci-token');
      expect(text).not.toContain('demo-token');
      const api = await connectTestMock(urlIn(text) as string);
      const created = await api.post('/agents', { name: 'Acme desk' }, { token: 'acme-ci-token' });
      expect(created.status).toBe(201);
      const listed = await api.get('/agents', { token: 'acme-ci-token' });
      expect(listed.body.data.map((a: { id: string }) => a.id)).toEqual([created.body.id]);
      for (const token of ['demo-token', 'demo-token-other']) {
        const sent = await api.get('/calls', { token });
        expect([sent.status, sent.body.code], token).toEqual([401, 'invalid_token']);
      }
      expect(await stop(served)).toBe(0);
    });
  });

  it('PORT from the environment', async () => {
    const port = await freePort();
    const served = telemock(['--time-scale', 'manual', '--log-level', 'silent'], { PORT: String(port) });
    const text = await banner(served);
    expect(urlIn(text)).toBe(`http://127.0.0.1:${port}`);
    const api = await connectTestMock(`http://127.0.0.1:${port}`);
    expect((await api.get('/agents')).status).toBe(200);
    expect(await stop(served)).toBe(0);
  });
});

async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

describe('serve options (no process)', () => {
  const silent = ['--log-level', 'silent'];
  const table: Array<
    [string, { args: string[]; env: Record<string, string>; want: Record<string, unknown> }]
  > = [
    ['the defaults', { args: [], env: {}, want: { port: 4010, host: '127.0.0.1' } }],
    [
      'PORT and HOST',
      { args: [], env: { PORT: '5055', HOST: '0.0.0.0' }, want: { port: 5055, host: '0.0.0.0' } },
    ],
    ['--port over PORT', { args: ['--port', '6066'], env: { PORT: '5055' }, want: { port: 6066 } }],
    [
      'an empty PORT and HOST',
      { args: [], env: { PORT: '', HOST: '' }, want: { port: 4010, host: '127.0.0.1' } },
    ],
    [
      'seed, scale, rate limit and retain',
      {
        args: ['--seed', '9', '--time-scale', '10', '--rate-limit', '0', '--retain', '5'],
        env: {},
        want: { seed: 9, timeScale: 10, rateLimit: 0, retain: 5 },
      },
    ],
    ['a manual clock', { args: ['--time-scale', 'manual'], env: {}, want: { timeScale: 'manual' } }],
    ['a live-call cap', { args: ['--max-live-calls', '3'], env: {}, want: { maxLiveCalls: 3 } }],
    ['an agent cap', { args: ['--max-agents', '3'], env: {}, want: { maxAgents: 3 } }],
    ['a heap growth', { args: ['--heap-growth', '0'], env: {}, want: { heapGrowthPercent: 0 } }],
  ];
  for (const [name, { args, env, want }] of table) {
    it(name, async () => {
      const options = await serveOptions([...args, ...silent], env);
      expect(options).toMatchObject(want);
    });
  }

  it('leaves the heap growth to the command line’s default unless asked, and refuses a fraction', async () => {
    expect(await serveOptions(silent, {})).not.toHaveProperty('heapGrowthPercent');
    await expect(serveOptions(['--heap-growth', '12.5', ...silent], {})).rejects.toThrow(/--heap-growth/);
  });

  it('refuses a live-call cap of 0', async () => {
    await expect(serveOptions(['--max-live-calls', '0', ...silent], {})).rejects.toThrow(/at least 1/);
  });
});
