import { writeFile } from 'node:fs/promises';
import { parseContractOptions, USAGE } from './options.js';
import { formatConsoleReport } from './reports/console.js';
import { formatHtmlReport } from './reports/html.js';
import { formatJunitReport } from './reports/junit.js';
import { ContractUsageError, runContractSuite } from './runner.js';
import { TargetUnreachable } from './target.js';

/** `telemock contract …`: runs the suite and reports. Exit 0 all passed, 1 a check failed, 2 could not run. */
export async function runContractCli(args: string[]): Promise<number> {
  let options: ReturnType<typeof parseContractOptions>;
  try {
    options = parseContractOptions(args);
  } catch (error) {
    process.stderr.write(`telemock contract: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (options === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  // First Ctrl-C: stop sending and hang up what the run started. Second: leave at once.
  const abort = new AbortController();
  const onSigint = () => {
    if (abort.signal.aborted) process.exit(130);
    process.stderr.write('\ninterrupted: hanging up the calls this run started (Ctrl-C again to quit now)\n');
    abort.abort();
  };
  process.on('SIGINT', onSigint);
  try {
    const run = await runContractSuite(options, {
      progress: (line) => process.stderr.write(`${line}\n`),
      signal: abort.signal,
    });
    process.stdout.write(formatConsoleReport(run));
    if (options.junit) await writeFile(options.junit, formatJunitReport(run));
    if (options.report) await writeFile(options.report, formatHtmlReport(run));
    if (run.interrupted) return 130;
    return run.matrix.summary().fail > 0 ? 1 : 0;
  } catch (error) {
    if (error instanceof TargetUnreachable || error instanceof ContractUsageError) {
      process.stderr.write(`telemock contract: ${error.message}\n`);
      return 2;
    }
    throw error;
  } finally {
    process.off('SIGINT', onSigint);
  }
}
