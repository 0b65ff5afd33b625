import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { type MockAddress, readReport, UnreadableMock } from './read-report.js';
import { reportToHtml } from './report-html.js';
import { reportToJUnit } from './report-junit.js';
import { summarizeReport } from './report-summary.js';
import { judgeReport, type Thresholds } from './thresholds.js';

/** Exit codes of `telemock report` and `telemock dial`. */
export const EXIT = { ok: 0, thresholdFailed: 1, unreadable: 2 } as const;

export const REPORT_OPTIONS = {
  url: { type: 'string' },
  'admin-token': { type: 'string' },
  junit: { type: 'string' },
  html: { type: 'string' },
  'min-pass-rate': { type: 'string' },
  'max-p95-latency-ms': { type: 'string' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const REPORT_FLAGS_HELP = `  --admin-token T           X-Admin-Token, when the mock listens beyond 127.0.0.1
  --junit FILE              also write the report as JUnit XML (a test case per scenario and population)
  --html FILE               also write it as one HTML file (pass-rate bars, latency histogram; no CDN)
  --min-pass-rate P         fail (exit 1) when a scenario or population passed under P % of its settled runs
  --max-p95-latency-ms MS   fail (exit 1) when a scenario's or population's p95 turn latency is over MS
Exit: 0 all thresholds met, 1 a threshold failed, 2 the mock could not be read (or a bad flag).`;

const HELP = `telemock report --url URL [options]: sums up a running mock's calls, scenario runs and
webhooks since its last reset (GET /__mock/report), for a person and for CI.

  --url URL                 the mock (e.g. http://127.0.0.1:4010)
${REPORT_FLAGS_HELP}
`;

/** What the report flags ask for, after checking them. */
export interface ReportRequest {
  thresholds: Thresholds;
  junit?: string;
  html?: string;
}

function parseLimit(name: string, value: string | undefined, max: number): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (value.trim() === '' || !Number.isFinite(n) || n < 0 || n > max)
    throw new Error(`--${name} takes a number from 0 to ${max}, not '${value}'`);
  return n;
}

/** Refuses a missing or malformed --url before anything is sent. */
export function checkUrl(url: string | undefined): asserts url is string {
  if (!url) throw new Error('--url is required');
  if (!URL.canParse(url) || !/^https?:$/.test(new URL(url).protocol))
    throw new Error(`--url takes the mock's address, like http://127.0.0.1:4010, not '${url}'`);
}

/** The thresholds and output files from the report flags (shared with `telemock dial`). */
export function reportRequestOf(values: {
  junit?: string | undefined;
  html?: string | undefined;
  'min-pass-rate'?: string | undefined;
  'max-p95-latency-ms'?: string | undefined;
}): ReportRequest {
  const thresholds: Thresholds = {};
  const minPassRate = parseLimit('min-pass-rate', values['min-pass-rate'], 100);
  if (minPassRate !== undefined) thresholds.minPassRate = minPassRate;
  const maxP95 = parseLimit('max-p95-latency-ms', values['max-p95-latency-ms'], 3_600_000);
  if (maxP95 !== undefined) thresholds.maxP95LatencyMs = maxP95;
  return {
    thresholds,
    ...(values.junit ? { junit: values.junit } : {}),
    ...(values.html ? { html: values.html } : {}),
  };
}

/** Reads the report, prints it, writes the files asked for, and says how the command exits. */
export async function finishWithReport(
  mock: MockAddress,
  request: ReportRequest,
  since?: string,
): Promise<number> {
  try {
    const report = await readReport(mock, since);
    const breaches = judgeReport(report, request.thresholds);
    process.stdout.write(summarizeReport(report, request.thresholds, breaches));
    if (request.junit) await writeFile(request.junit, reportToJUnit(report, breaches));
    if (request.html) await writeFile(request.html, reportToHtml(report, breaches));
    return breaches.length ? EXIT.thresholdFailed : EXIT.ok;
  } catch (error) {
    if (!(error instanceof UnreadableMock)) throw error;
    process.stderr.write(`telemock: ${error.message}\n`);
    return EXIT.unreadable;
  }
}

/** `telemock report`. */
export async function runReportCli(args: string[]): Promise<number> {
  let values: ReturnType<typeof parseArgs<{ args: string[]; options: typeof REPORT_OPTIONS }>>['values'];
  let request: ReportRequest;
  try {
    ({ values } = parseArgs({ args, options: REPORT_OPTIONS, strict: true }));
    if (values.help) {
      process.stdout.write(HELP);
      return EXIT.ok;
    }
    checkUrl(values.url);
    request = reportRequestOf(values);
  } catch (error) {
    process.stderr.write(`telemock report: ${(error as Error).message}\n\n${HELP}`);
    return EXIT.unreadable;
  }
  const mock: MockAddress = {
    url: values.url,
    ...(values['admin-token'] ? { adminToken: values['admin-token'] } : {}),
  };
  return finishWithReport(mock, request);
}
