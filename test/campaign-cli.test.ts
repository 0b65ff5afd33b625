import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type RunningMock, startMock } from '../exports/server.js';

// `telemock report` and `telemock dial` as a user runs them: their own process, against a mock
// listening on a port. The mock runs 20× real time so calls end in a fraction of a second.
const TSX = 'node_modules/.bin/tsx';

interface Ran {
  code: number;
  stdout: string;
  stderr: string;
}
function telemock(...args: string[]): Promise<Ran> {
  return new Promise((resolve) => {
    execFile(
      TSX,
      ['bin/telemock.ts', ...args],
      { env: { ...process.env, NO_COLOR: '1' } },
      (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
      },
    );
  });
}

const PASSES = ['+14155550101', '+14155550102'];
const FAILS = ['+14155550201'];

let mock: RunningMock;
let dir: string;
let agentId: string;

async function admin(method: string, path: string, body?: unknown): Promise<unknown> {
  const response = await fetch(`${mock.url}${path}`, {
    method,
    headers: { 'content-type': 'application/json', authorization: 'Bearer demo-token' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  expect(response.ok, `${method} ${path} → ${response.status}`).toBe(true);
  const text = await response.text();
  return text ? JSON.parse(text) : undefined;
}

/** Places calls as an app would and waits until the mock says every run has settled. */
async function callAndSettle(numbers: string[]): Promise<void> {
  for (const to of numbers) await admin('POST', '/calls', { to, agentId });
  for (let i = 0; i < 200; i++) {
    const report = (await admin('GET', '/__mock/report')) as { runs: { runs: number; running: number } };
    if (report.runs.runs === numbers.length && report.runs.running === 0) return;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
  throw new Error('the runs did not settle');
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'telemock-campaign-cli-'));
  mock = await startMock({ port: 0, timeScale: 20, rateLimit: 20, logger: false });
  // A callee who says a line and hangs up passes whatever the app does; one who waits for the
  // agent to name a day fails against an app that never answers (the dialer alone is no app).
  await admin('PUT', '/__mock/scenarios/hangs-up', {
    name: 'hangs-up',
    match: { to: PASSES },
    steps: [{ say: 'Got it, thanks.' }, { hangup: {} }],
  });
  await admin('PUT', '/__mock/scenarios/needs-a-day', {
    name: 'needs-a-day',
    match: { to: FAILS },
    steps: [
      { say: 'Which day was it?' },
      { expect: { agent: { contains: 'Tuesday' }, within: 3, onFail: 'hangup' } },
    ],
  });
});
afterAll(async () => {
  await mock?.close();
  await rm(dir, { recursive: true, force: true });
});
beforeEach(async () => {
  await admin('POST', '/__mock/reset');
  agentId = ((await admin('POST', '/agents', { name: 'Clinic' })) as { id: string }).id;
});

describe('telemock report', () => {
  it('exit 0 when every threshold is met, with the summary, JUnit and HTML written', async () => {
    await callAndSettle(PASSES);
    const junit = join(dir, 'report.xml');
    const html = join(dir, 'report.html');
    const ran = await telemock(
      'report',
      '--url',
      mock.url,
      '--min-pass-rate',
      '95',
      '--max-p95-latency-ms',
      '1500',
      '--junit',
      junit,
      '--html',
      html,
    );
    expect(ran.stderr).toBe('');
    expect(ran.code).toBe(0);
    expect(ran.stdout).toMatch(/^telemock report: 2 calls \(completed 2\)/);
    expect(ran.stdout).toMatch(/hangs-up\s+2\s+2\s+0\s+0\s+100 %/);
    expect(ran.stdout).toContain('all met');
    expect(await readFile(junit, 'utf8')).toContain(
      '<testcase classname="scenario" name="hangs-up"><system-out>',
    );
    expect(await readFile(html, 'utf8')).toContain('class="chart pass-rate-chart"');
  });

  it('exit 1 when a scenario passes under --min-pass-rate, naming it and why its runs failed', async () => {
    await callAndSettle([...PASSES, ...FAILS]);
    const junit = join(dir, 'failed.xml');
    const ran = await telemock('report', '--url', mock.url, '--min-pass-rate', '95', '--junit', junit);
    expect(ran.code).toBe(1);
    expect(ran.stdout).toContain('FAILED scenario needs-a-day: 0 % passed (0 of 1), below 95 %');
    expect(ran.stdout).toMatch(/needs-a-day · \/steps\/1 · /);
    expect(await readFile(junit, 'utf8')).toMatch(/name="needs-a-day"><failure type="min-pass-rate"/);
    // The same report without a threshold judges nothing.
    expect((await telemock('report', '--url', mock.url)).code).toBe(0);
  });

  it.each([
    ['nothing listens at the URL', ['--url', 'http://127.0.0.1:9'], /cannot reach http:\/\/127\.0\.0\.1:9/],
    [
      'the URL is not the mock’s',
      ['--url', 'MOCK/docs/'],
      /GET \/docs\/__mock\/report did not answer JSON \(is http:\/\/127\.0\.0\.1:\d+ a telemock\?\)/,
    ],
    ['a threshold out of range', ['--min-pass-rate', '120'], /--min-pass-rate takes a number from 0 to 100/],
    ['no --url', [], /--url is required/],
  ])('exit 2 when %s', async (_name, args, message) => {
    const url = (a: string) => a.replace('MOCK', mock.url);
    const withUrl = args.includes('--url') || _name === 'no --url' ? args : ['--url', mock.url, ...args];
    const ran = await telemock('report', ...withUrl.map(url));
    expect(ran.code).toBe(2);
    expect(ran.stderr).toMatch(message);
  });
});

describe('telemock dial', () => {
  /** `telemock dial` as the demo user with the test's agent, and these flags. */
  const dialAsDemo = (...args: string[]) =>
    telemock('dial', '--url', mock.url, '--token', 'demo-token', '--agent', agentId, ...args);

  it('places every call paced by the rate limit (no 429), waits for them, exit 0', {
    timeout: 60_000,
  }, async () => {
    // 2 numbers × 15 = 30 calls against 20 requests a minute: the dialer must wait for a window.
    const numbers = join(dir, 'numbers.txt');
    await writeFile(numbers, `# two patients\n${PASSES.join('\n')}\n`);
    const ran = await dialAsDemo(
      '--numbers',
      numbers,
      '--repeat',
      '15',
      '--concurrency',
      '5',
      '--wait',
      '--min-pass-rate',
      '95',
    );
    expect(ran.stderr).toBe('');
    expect(ran.code).toBe(0);
    expect(ran.stdout).toMatch(/^telemock report: 30 calls \(completed 30\)/);
    expect(ran.stdout).toMatch(/hangs-up\s+30\s+30\s+0/);
    expect(ran.stdout).toContain('Requests: 0 answered 429, 0 sent inside a Retry-After');
    expect(ran.stdout).toMatch(/createCall: 201×30\n/);
  });

  it('exit 1 when the calls it placed miss a threshold', { timeout: 60_000 }, async () => {
    const numbers = join(dir, 'mixed.txt');
    await writeFile(numbers, [...PASSES, ...FAILS].join('\n'));
    const ran = await dialAsDemo('--numbers', numbers, '--wait', '--min-pass-rate', '95');
    expect(ran.code).toBe(1);
    expect(ran.stdout).toContain('FAILED scenario needs-a-day: 0 % passed (0 of 1), below 95 %');
  });

  it('exit 2 when the calls have not all ended within --wait-timeout', { timeout: 60_000 }, async () => {
    // +14155550300 matches no scenario: the default callee answers and stays on the line.
    const ran = await dialAsDemo('--prefix', '+1415555030', '--count', '1', '--wait', '--wait-timeout', '2');
    expect(ran.code).toBe(2);
    expect(ran.stderr).toContain('1 of 1 calls had not ended after 2 s');
  });

  it.each([
    [
      'the API refuses the token',
      ['--token', 'nobody', '--agent', 'agt_x', '--prefix', '+1415555', '--count', '1'],
      /POST \/calls to \+14155550000 answered 401/,
    ],
    [
      'thresholds without --wait',
      [
        '--token',
        'demo-token',
        '--agent',
        'agt_x',
        '--prefix',
        '+1415555',
        '--count',
        '1',
        '--min-pass-rate',
        '90',
      ],
      /add --wait/,
    ],
    [
      'neither --numbers nor --prefix',
      ['--token', 'demo-token', '--agent', 'agt_x'],
      /either --numbers FILE or --prefix/,
    ],
  ])('exit 2 when %s', async (_name, args, message) => {
    const ran = await telemock('dial', '--url', mock.url, ...args);
    expect(ran.code).toBe(2);
    expect(ran.stderr).toMatch(message);
  });
});
