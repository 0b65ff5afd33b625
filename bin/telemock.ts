#!/usr/bin/env node
// The telemock command line: `telemock serve | contract | proxy | report | dial`.
import module from 'node:module';

// V8's compiled code for every module, kept in a folder and reused by the next start (Node ≥ 22.1;
// older Nodes have no such call and compile as before). Before any other module is loaded.
(module as { enableCompileCache?: () => unknown }).enableCompileCache?.();

const USAGE = `telemock — a mock server and contract-testing kit for the AI telephony API

Usage:
  telemock serve [options]      start the mock (npm start)            telemock serve --help
  telemock contract [options]   judge a deployment against the spec   telemock contract --help
  telemock proxy [options]      check live traffic against the spec   telemock proxy --help
  telemock report [options]     how the app held up: pass rates, latency, CI thresholds
  telemock dial [options]       place a campaign's calls through the API, then report
`;

const [command, ...args] = process.argv.slice(2);

async function main(): Promise<number> {
  switch (command) {
    case 'serve':
      return (await import('../mock/cli.js')).runServeCli(args);
    case 'contract':
      return (await import('../contracts/cli.js')).runContractCli(args);
    case 'proxy':
      return (await import('../judges/proxy/cli.js')).runProxyCli(args);
    case 'report':
      return (await import('../mock/campaign-cli/report-cli.js')).runReportCli(args);
    case 'dial':
      return (await import('../mock/campaign-cli/dial-cli.js')).runDialCli(args);
    case undefined:
    case 'help':
    case '--help':
    case '-h':
      process.stdout.write(USAGE);
      return 0;
    default:
      process.stderr.write(`Unknown command '${command}'.\n\n${USAGE}`);
      return 2;
  }
}

main().then(
  (code) => {
    // serve keeps running until a signal; the others end with their exit code.
    if (command !== 'serve' || code !== 0) process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 2;
  },
);
