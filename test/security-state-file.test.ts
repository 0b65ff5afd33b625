import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { StateFileError } from '../mock/files/state-file.js';
import { connectTestMock, startTestMock } from './support/mock-api.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'telemock-state-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

const until = async (check: () => Promise<boolean>, ms = 10_000) => {
  const end = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 50));
  }
};

describe('--state-file from code', () => {
  it('keeps calls, agents and the webhook secret across a restart, written soon after the change', async () => {
    const path = join(dir, 'kept.json');
    const first = await startTestMock({ stateFile: path });
    const call = await first.call();
    const hook = await first.put('/texts/webhook', { url: 'https://app.example.com/hooks/sms' });
    // Written shortly after the change, before any shutdown.
    await until(async () => (await readFile(path, 'utf8').catch(() => '')).includes(hook.body.secret));
    await first.mock.close();
    const second = await startTestMock({ stateFile: path });
    try {
      expect((await second.get(`/calls/${call.id}`)).body.status).toBe('queued');
      expect((await second.get('/texts/webhook')).body.secret).toBe(hook.body.secret);
      expect(await readdir(dir)).not.toContain(expect.stringMatching(/\.tmp$/));
    } finally {
      await second.mock.close();
    }
  });

  const bad: Array<[string, { text: string; message: RegExp }]> = [
    ['a corrupt file', { text: '{"version": 1, "clock": ', message: /is not a state file \(not JSON/ }],
    [
      'a file from a newer telemock',
      {
        text: '{"version": 2, "clock": {"now": "2026-01-01T00:00:00Z"}, "users": {}}',
        message: /newer telemock \(state version 2/,
      },
    ],
    [
      'a hostile file the import refuses',
      {
        text: '{"version": 1, "clock": {"now": "2026-01-01T00:00:00Z"}, "users": {"demo": {"calls": "all of them"}}}',
        message: /as PUT \/__mock\/state would refuse it \(400/,
      },
    ],
    [
      'a file that reaches for the prototype',
      {
        text: '{"version": 1, "clock": {"now": "2026-01-01T00:00:00Z"}, "users": {}, "__proto__": {"admin": true}}',
        message: /refuse it \(400: The key '__proto__'/,
      },
    ],
  ];
  it.each(bad)('stops start-up on %s and leaves it as it was', async (_name, { text, message }) => {
    const path = join(dir, `bad-${Math.random().toString(36).slice(2)}.json`);
    await writeFile(path, text);
    const started = startTestMock({ stateFile: path });
    await expect(started).rejects.toThrow(StateFileError);
    await expect(started).rejects.toThrow(message);
    await expect(started).rejects.toThrow(/left the file as it is/);
    expect(await readFile(path, 'utf8')).toBe(text);
  });
});

describe('--state-file on a real process', () => {
  const children = new Set<ChildProcess>();
  afterEach(() => {
    for (const child of children)
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    children.clear();
  });

  // One node process (tsx as a loader, not a wrapper), so the PID killed is the mock itself.
  async function serve(path: string) {
    const child = spawn(
      process.execPath,
      [
        '--import',
        'tsx',
        'bin/telemock.ts',
        'serve',
        '--port',
        '0',
        '--rate-limit',
        '0',
        // The load below creates agents for a few seconds: more than the default cap of 1,000.
        '--max-agents',
        '100000',
        '--time-scale',
        'manual',
        '--log-level',
        'silent',
        '--state-file',
        path,
      ],
      { cwd: process.cwd(), env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    children.add(child);
    const [out, err] = [child.stdout, child.stderr].map((stream) => {
      const text = { all: '' };
      stream?.setEncoding('utf8').on('data', (chunk: string) => {
        text.all += chunk;
      });
      return text;
    }) as [{ all: string }, { all: string }];
    const exit = once(child, 'exit').then(([code, signal]) => ({ code, signal, stderr: err.all }));
    // The banner's first line names the URL, its last the clock.
    const url = await Promise.race([
      new Promise<string>((resolve) => {
        const check = () => {
          const found = /API on (http:\/\/\S+)[\s\S]*clock .*\n/.exec(out.all);
          if (found?.[1]) resolve(found[1]);
          else child.stdout?.once('data', check);
        };
        check();
      }),
      exit.then(({ code, stderr }) => Promise.reject(new Error(`telemock exited with ${code}: ${stderr}`))),
    ]);
    return { child, url, api: await connectTestMock(url), exit };
  }

  it('after kill -9 under load, everything but the last second is there; SIGTERM writes the rest', async () => {
    const path = join(dir, 'killed.json');
    const first = await serve(path);
    const created: Array<{ id: string; at: number }> = [];
    let loading = true;
    const worker = async () => {
      while (loading) {
        const sent = await fetch(`${first.url}/agents`, {
          method: 'POST',
          headers: { authorization: 'Bearer demo-token', 'content-type': 'application/json' },
          body: JSON.stringify({ name: 'Load' }),
        }).catch(() => undefined);
        if (sent?.status === 201)
          created.push({ id: ((await sent.json()) as { id: string }).id, at: Date.now() });
      }
    };
    const workers = Array.from({ length: 4 }, worker);
    // Enough agents, and some of them older than the second a kill may lose.
    await until(
      async () => created.length >= 200 && Date.now() - (created[0]?.at ?? Date.now()) > 2_000,
      60_000,
    );
    const pid = first.child.pid as number;
    process.kill(pid, 'SIGKILL');
    const killedAt = Date.now();
    loading = false;
    await Promise.all(workers);
    expect(await first.exit).toMatchObject({ signal: 'SIGKILL' });

    const second = await serve(path);
    const older = created.filter((c) => c.at < killedAt - 1_000);
    expect(older.length).toBeGreaterThan(0);
    const missing: string[] = [];
    for (const { id } of older) if ((await second.api.get(`/agents/${id}`)).status !== 200) missing.push(id);
    expect(missing, `${missing.length} of ${older.length} agents older than 1 s were lost`).toEqual([]);

    // A change just before SIGTERM is written on the way out.
    const last = await second.api.post('/agents', { name: 'Just before SIGTERM' });
    expect(last.status).toBe(201);
    second.child.kill('SIGTERM');
    expect(await second.exit).toMatchObject({ code: 0 });
    const third = await serve(path);
    expect((await third.api.get(`/agents/${last.body.id}`)).status).toBe(200);
    third.child.kill('SIGTERM');
    await third.exit;
  }, 120_000);

  it('a bad file stops the process with a clear message and exit code 1', async () => {
    const path = join(dir, 'broken.json');
    await writeFile(path, 'not json');
    const served = serve(path);
    await expect(served).rejects.toThrow(
      /exited with 1: telemock serve: \S+broken\.json is not a state file/,
    );
    expect(await readFile(path, 'utf8')).toBe('not json');
  });
});
