import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const run = promisify(execFile);

/** Issue 16, "In-process": the MSW handlers' cold start and sequential throughput, each against a bare MSW handler. */
export interface InProcessResult {
  /** Medians over fresh processes, ms. */
  mswImportMs: number;
  /** import telemock/msw + createHandlers() + the first answer (GET /calls), msw already loaded. */
  telemockFirstMs: number;
  createMs: number;
  firstAnswerMs: number;
  /** A bare MSW handler's setupServer + first answer, msw already loaded. */
  bareFirstMs: number;
  /** Sequential GET /calls/{callId}, best of the interleaved rounds, req/s. */
  bareSequential: number;
  telemockSequential: number;
}

const median = (xs: readonly number[]) =>
  [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? Number.NaN;

async function child(...args: string[]): Promise<Record<string, number> & Record<string, number[]>> {
  const { stdout } = await run(process.execPath, ['bench/peers/msw-process.mjs', ...args], { cwd: ROOT });
  return JSON.parse(stdout.trim().split('\n').pop() ?? '{}');
}

export async function measureInProcess(
  processes: number,
  sequentialRequests: number,
): Promise<InProcessResult> {
  const firsts: Array<Record<string, number>> = [];
  const bares: Array<Record<string, number>> = [];
  for (let i = 0; i < processes; i++) {
    firsts.push(await child('first'));
    bares.push(await child('bare-first'));
  }
  const of = (rows: Array<Record<string, number>>, key: string) =>
    median(rows.map((r) => r[key] ?? Number.NaN));
  const sequential = await child('sequential', String(sequentialRequests));
  return {
    mswImportMs: of([...firsts, ...bares], 'mswImportMs'),
    telemockFirstMs: of(firsts, 'telemockMs'),
    createMs: of(firsts, 'createMs'),
    firstAnswerMs: of(firsts, 'firstAnswerMs'),
    bareFirstMs: of(bares, 'bareMs'),
    bareSequential: Math.max(...(sequential.bare ?? [])),
    telemockSequential: Math.max(...(sequential.telemock ?? [])),
  };
}
