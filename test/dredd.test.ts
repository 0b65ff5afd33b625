import { spawn } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningMock, startMock } from '../exports/server.js';
import { type BreakingUpstream, startBreakingUpstream } from './support/dredd-breaking-upstream.js';

const RUN = new URL('../judges/dredd/run.ts', import.meta.url).pathname;

/** Runs `npm run contract:dredd -- …` as the real process it is, collecting its output. */
function runDredd(args: string[]): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['--import', import.meta.resolve('tsx'), RUN, ...args], {
    env: { ...process.env, NO_COLOR: '1' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr.on('data', (chunk: Buffer) => {
    output += chunk.toString();
  });
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, output })));
}

describe('Dredd with telemock hooks', () => {
  let mock: RunningMock;
  let brokenMock: RunningMock;
  let broken: BreakingUpstream;
  let dir: string;

  beforeAll(async () => {
    mock = await startMock({ port: 0, timeScale: 20 });
    dir = await mkdtemp(join(tmpdir(), 'telemock-dredd-test-'));
    // A list whose cursor has the wrong type (Dredd's own key check cannot see that) and an agent without
    // its voice. The hooks' fixtures read calls, so calls stay intact.
    // Its own mock, rate limit off: this test is about the breaks, not about pacing.
    brokenMock = await startMock({ port: 0, timeScale: 20, rateLimit: 0 });
    broken = await startBreakingUpstream(brokenMock.url, (method, path, body) => {
      if (method === 'GET' && /^\/calls(\?|$)/.test(path) && typeof body === 'object')
        return { ...body, nextCursor: 42 };
      if (method === 'GET' && /^\/agents\/agt_[A-Za-z0-9]+$/.test(path) && typeof body === 'object') {
        const { voice: _voice, ...rest } = body as Record<string, unknown>;
        return rest;
      }
      return undefined;
    });
  });

  afterAll(async () => {
    await broken?.close();
    await brokenMock?.close();
    await mock?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('passes against the mock, every non-skipped status provoked, with a JUnit report', async () => {
    const junit = join(dir, 'dredd.xml');
    const { code, output } = await runDredd([mock.url, '--junit', junit]);
    const summary = /complete: (\d+) passing, (\d+) failing, (\d+) errors, (\d+) skipped, (\d+) total/.exec(
      output,
    );
    expect(summary, output.slice(-3000)).not.toBeNull();
    const [, passing, failing, errors, skipped] = summary?.map(Number) ?? [];
    expect({ failing, errors }, output.slice(-3000)).toEqual({ failing: 0, errors: 0 });
    // 18 operations × 429, and the texts webhook's 404: the only statuses left unprovoked.
    expect(skipped).toBe(19);
    expect(passing).toBeGreaterThanOrEqual(140);
    expect(code).toBe(0);
    const xml = await readFile(junit, 'utf8');
    expect(xml).toMatch(/<testsuite[^>]*failures="0"/);
    expect(xml).toContain('POST (201) /calls');
  }, 60_000);

  it('fails a target whose bodies break the schema, naming the fields', async () => {
    const { code, output } = await runDredd([broken.url]);
    expect(broken.broken()).toBeGreaterThan(0);
    expect(code).toBe(1);
    expect(output).toMatch(/GET \(200\) \/calls\?[\s\S]*\/body\/nextCursor must be string,null/);
    expect(output).toMatch(/\/body\/voice is required/);
  }, 60_000);
});
