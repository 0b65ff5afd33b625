import { mkdtemp, readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { runContractCli } from '../contracts/cli.js';
import { type RunningMock, startMock } from '../exports/server.js';
import { startBreakingProxy } from './support/breaks/breaking-proxy.js';

// A port nothing listens on: bind one, note it, let it go.
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

describe('telemock contract exit codes', () => {
  let mock: RunningMock;
  let stderr: string[];
  beforeAll(async () => {
    mock = await startMock({ port: 0, timeScale: 20, rateLimit: 100_000 });
  });
  afterAll(() => mock.close());
  beforeEach(() => {
    stderr = [];
    vi.spyOn(process.stdout, 'write').mockImplementation(() => true);
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      stderr.push(String(chunk));
      return true;
    });
  });
  afterEach(() => vi.restoreAllMocks());

  const focused = ['--only', 'listAgents,getAgent', '--checks', 'positive-data,headers,schema'];

  it.each([
    ['no base URL', ['--token', 't'], /--base-url \(or TELEMOCK_BASE_URL\) is required/],
    ['an unknown option', ['--base-url', 'http://x', '--token', 't', '--frobnicate'], /frobnicate/],
    ['an unknown opt-in', ['--base-url', 'http://x', '--token', 't', '--include', 'chaos'], /unknown: chaos/],
    [
      'a bad --max-calls',
      ['--base-url', 'http://x', '--token', 't', '--max-calls', 'lots'],
      /--max-calls must be/,
    ],
  ])('2 for %s, with a clear message', async (_name, args, message) => {
    expect(await runContractCli(args)).toBe(2);
    expect(stderr.join('')).toMatch(message);
  });

  it('2 for an unreachable target', async () => {
    const url = `http://127.0.0.1:${await closedPort()}`;
    expect(await runContractCli(['--base-url', url, '--token', 'demo-token'])).toBe(2);
    expect(stderr.join('')).toContain(`Cannot reach ${url}`);
  });

  it('2 for an operation the spec does not have', async () => {
    expect(
      await runContractCli(['--base-url', mock.url, '--token', 'demo-token', '--only', 'launchRocket']),
    ).toBe(2);
    expect(stderr.join('')).toContain('no operation launchRocket');
  });

  it('0 when every check passes, and writes the JUnit and HTML reports', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'contract-'));
    const code = await runContractCli([
      '--base-url',
      mock.url,
      '--token',
      'demo-token',
      ...focused,
      '--junit',
      join(dir, 'junit.xml'),
      '--report',
      join(dir, 'report.html'),
    ]);
    expect(code).toBe(0);
    expect(await readFile(join(dir, 'junit.xml'), 'utf8')).toContain(
      '<testsuite name="getAgent" tests="3" failures="0"',
    );
    expect(await readFile(join(dir, 'report.html'), 'utf8')).toContain('Conformance 100%');
  });

  it('1 when a check fails; the token can come from the environment', async () => {
    const proxy = await startBreakingProxy(mock.url, {
      response: (r) => void delete r.headers['x-ratelimit-limit'],
    });
    vi.stubEnv('TELEMOCK_BASE_URL', proxy.url);
    vi.stubEnv('TELEMOCK_TOKEN', 'demo-token');
    try {
      expect(await runContractCli(focused)).toBe(1);
    } finally {
      vi.unstubAllEnvs();
      await proxy.close();
    }
  });
});
