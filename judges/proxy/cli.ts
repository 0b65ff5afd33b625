import { parseArgs } from 'node:util';
import { startValidatingProxy } from './validating-proxy.js';
import { formatViolation, summarise } from './violations.js';

const USAGE = `Usage: telemock proxy --upstream URL [--port N] [--host H]

Runs Prism's validating proxy in front of a deployment: send your traffic to the proxy, it forwards
everything unchanged and prints each violation of openapi.yaml as it happens, and a summary on exit
(Ctrl-C). Exit code 1 when an upstream response broke the contract, 0 otherwise.

  --upstream URL   the deployment to check (required)
  --port N         where the proxy listens (default 4011; 0 picks a free port)
  --host H         default 127.0.0.1
`;

/** \`telemock proxy\`: runs until SIGINT/SIGTERM, then prints the summary and resolves to the exit code. */
export async function runProxyCli(args: string[]): Promise<number> {
  let values: { upstream?: string; port?: string; host?: string; help?: boolean };
  try {
    ({ values } = parseArgs({
      args,
      options: {
        upstream: { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const port = Number(values.port ?? 4011);
  if (!values.upstream || !URL.canParse(values.upstream) || !Number.isInteger(port) || port < 0) {
    process.stderr.write(USAGE);
    return 2;
  }
  const proxy = await startValidatingProxy({
    upstream: values.upstream,
    port,
    ...(values.host ? { host: values.host } : {}),
    onViolation: (v) => process.stdout.write(`${formatViolation(v)}\n`),
  });
  process.stdout.write(`Validating proxy on ${proxy.url} → ${values.upstream} (Ctrl-C for the summary)\n`);
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await proxy.close();
  process.stdout.write(`\n${signal}: ${summarise(proxy.violations, proxy.exchanges())}`);
  return proxy.violations.some((v) => v.side === 'response') ? 1 : 0;
}
