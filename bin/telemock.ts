#!/usr/bin/env node
// The telemock command line: `telemock serve | contract | proxy | report | dial`.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { requireWithCodeCache } from './require-with-code-cache.js';

const USAGE = `telemock — a mock server and contract-testing kit for the AI telephony API

Usage:
  telemock serve [options]      start the mock (npm start)            telemock serve --help
  telemock contract [options]   judge a deployment against the spec   telemock contract --help
  telemock proxy [options]      check live traffic against the spec   telemock proxy --help
  telemock report [options]     how the app held up: pass rates, latency, CI thresholds
  telemock dial [options]       place a campaign's calls through the API, then report
`;

const [command, ...args] = process.argv.slice(2);

type ServeCli = typeof import('../mock/cli.js');

/**
 * `telemock serve` from dist/: the CommonJS bundle of mock/cli.ts over its V8 code cache (both
 * written by `npm run build`); from the sources (`npm run dev`), the module itself.
 * TELEMOCK_CODE_CACHE_OUT=FILE writes the code cache when the process exits (the build's training run).
 */
async function serveCli(): Promise<ServeCli> {
  const bundle = fileURLToPath(new URL('../mock/cli.cjs', import.meta.url));
  if (!existsSync(bundle)) return import('../mock/cli.js');
  const loaded = requireWithCodeCache<ServeCli>(bundle);
  const out = process.env.TELEMOCK_CODE_CACHE_OUT;
  if (out) process.once('exit', () => loaded.writeCodeCache(out));
  return loaded.exports;
}

async function main(): Promise<number> {
  switch (command) {
    case 'serve':
      return (await serveCli()).runServeCli(args);
    case 'contract':
      return (await import('../contracts/cli.js')).runContractCli(args);
    case 'proxy':
      return (await import('../contracts/proxy/cli.js')).runProxyCli(args);
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
