import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { dialList, numbersFromPrefix, numbersFromText } from './dial-numbers.js';
import { followMockClock } from './mock-clock.js';
import { DialRefused, placeCalls } from './place-calls.js';
import { type MockAddress, readReport, UnreadableMock } from './read-report.js';
import {
  checkUrl,
  EXIT,
  finishWithReport,
  REPORT_FLAGS_HELP,
  REPORT_OPTIONS,
  type ReportRequest,
  reportRequestOf,
} from './report-cli.js';

const HELP = `telemock dial --url URL --token T --agent ID (--numbers FILE | --prefix P --count N) [options]:
places calls through the public API as a well-behaved client (paced by the rate-limit headers,
waiting out every 429's Retry-After), for apps that only answer events.

  --url URL                 the mock (e.g. http://127.0.0.1:4010)
  --token T                 the Bearer token the calls are placed with
  --agent ID                the agent that makes the calls
  --numbers FILE            the numbers, one a line (or a CSV's first column; # comments)
  --prefix P --count N      or N numbers under a prefix: +1415555 → +14155550000, +14155550001, …
  --repeat N                dial every number N times (a nondeterministic agent's pass rate; default 1)
  --concurrency N           requests in flight at most (default 20)
  --webhook-url URL         the call events' webhook (POST /calls webhookUrl)
  --wait                    wait until every call has ended (a progress line on a terminal),
                            then print the report of these calls and exit as telemock report does
  --wait-timeout S          give up waiting after S real seconds (exit 2; default 600)
${REPORT_FLAGS_HELP}
`;

const OPTIONS = {
  ...REPORT_OPTIONS,
  token: { type: 'string' },
  agent: { type: 'string' },
  numbers: { type: 'string' },
  prefix: { type: 'string' },
  count: { type: 'string' },
  repeat: { type: 'string' },
  concurrency: { type: 'string' },
  'webhook-url': { type: 'string' },
  wait: { type: 'boolean' },
  'wait-timeout': { type: 'string' },
} as const;

const ENDED = ['completed', 'busy', 'no-answer', 'failed', 'canceled'] as const;

function whole(name: string, value: string | undefined, fallback: number, max: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1 || n > max)
    throw new Error(`--${name} takes a whole number from 1 to ${max}, not '${value}'`);
  return n;
}

interface Dial {
  mock: MockAddress;
  token: string;
  agentId: string;
  numbers: string[];
  concurrency: number;
  webhookUrl?: string;
  wait: boolean;
  waitTimeoutMs: number;
  report: ReportRequest;
}

async function dialOf(args: string[]): Promise<Dial | 'help'> {
  const { values } = parseArgs({ args, options: OPTIONS, strict: true });
  if (values.help) return 'help';
  checkUrl(values.url);
  if (!values.token) throw new Error('--token is required');
  if (!values.agent) throw new Error('--agent is required');
  if ((values.numbers === undefined) === (values.prefix === undefined))
    throw new Error('give either --numbers FILE or --prefix P with --count N');
  if (values.prefix !== undefined && values.count === undefined) throw new Error('--prefix needs --count N');
  const numbers =
    values.numbers !== undefined
      ? numbersFromText(await readFile(values.numbers, 'utf8'))
      : numbersFromPrefix(values.prefix ?? '', whole('count', values.count, Number.NaN, 100_000));
  if (numbers.length === 0) throw new Error(`${values.numbers ?? 'the list'} holds no number`);
  const report = reportRequestOf(values);
  if (!values.wait && (Object.keys(report.thresholds).length || report.junit || report.html))
    throw new Error('the report flags judge the calls once they have ended: add --wait');
  return {
    mock: { url: values.url, ...(values['admin-token'] ? { adminToken: values['admin-token'] } : {}) },
    token: values.token,
    agentId: values.agent,
    numbers: dialList(numbers, whole('repeat', values.repeat, 1, 1000)),
    concurrency: whole('concurrency', values.concurrency, 20, 1000),
    ...(values['webhook-url'] ? { webhookUrl: values['webhook-url'] } : {}),
    wait: values.wait ?? false,
    waitTimeoutMs: whole('wait-timeout', values['wait-timeout'], 600, 86_400) * 1000,
    report,
  };
}

/** Polls the report of the dial's calls until all have ended, drawing a progress line on a terminal. */
async function waitForCalls(
  mock: MockAddress,
  since: string,
  placed: number,
  timeoutMs: number,
  progress: (line: string) => void,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const report = await readReport(mock, since);
    const byStatus = report.calls.byStatus as Record<string, number>;
    const ended = ENDED.reduce((sum, status) => sum + (byStatus[status] ?? 0), 0);
    progress(
      `placed ${placed} · ended ${ended} · passed ${report.runs.passed} · failed ${report.runs.failed}`,
    );
    if (ended >= placed && report.runs.running === 0) return;
    if (Date.now() >= deadline)
      throw new DialRefused(
        `${placed - ended} of ${placed} calls had not ended after ${timeoutMs / 1000} s (is something hanging them up, or the clock manual?)`,
      );
    await sleep(500);
  }
}

/** `telemock dial`. */
export async function runDialCli(args: string[]): Promise<number> {
  let dial: Dial | 'help';
  try {
    dial = await dialOf(args);
  } catch (error) {
    process.stderr.write(`telemock dial: ${(error as Error).message}\n\n${HELP}`);
    return EXIT.unreadable;
  }
  if (dial === 'help') {
    process.stdout.write(HELP);
    return EXIT.ok;
  }
  const tty = process.stderr.isTTY;
  const progress = (line: string) => {
    if (tty) process.stderr.write(`\r\x1b[2K${line}`);
  };
  try {
    const { startedAt, clock, manual } = await followMockClock(dial.mock);
    const ids = await placeCalls(
      {
        url: dial.mock.url,
        token: dial.token,
        agentId: dial.agentId,
        numbers: dial.numbers,
        concurrency: dial.concurrency,
        ...(dial.webhookUrl ? { webhookUrl: dial.webhookUrl } : {}),
      },
      clock,
      (placed) => progress(`placed ${placed} of ${dial.numbers.length}`),
    );
    if (!dial.wait) {
      if (tty) process.stderr.write('\n');
      process.stdout.write(
        `telemock dial: placed ${ids.length} calls (since ${startedAt} on the mock's clock)\n`,
      );
      return EXIT.ok;
    }
    if (manual)
      process.stderr.write(
        `${tty ? '\n' : ''}telemock dial: the mock's clock is manual; the calls end as it is advanced\n`,
      );
    await waitForCalls(dial.mock, startedAt, ids.length, dial.waitTimeoutMs, progress);
    if (tty) process.stderr.write('\n');
    return await finishWithReport(dial.mock, dial.report, startedAt);
  } catch (error) {
    if (!(error instanceof UnreadableMock || error instanceof DialRefused)) throw error;
    if (tty) process.stderr.write('\n');
    process.stderr.write(`telemock dial: ${error.message}\n`);
    return EXIT.unreadable;
  }
}
