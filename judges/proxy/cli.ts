import { parseArgs } from 'node:util';
import { PrismUnavailable } from './prism-process.js';
import { type ProxyEngine, startValidatingProxy } from './validating-proxy.js';
import { formatViolation, summarise } from './violations.js';

const USAGE = `Usage: telemock proxy --upstream URL [--port N] [--host H] [--engine telemock|prism] [--spec FILE]

A validating proxy in front of a deployment: send your traffic to the proxy, it forwards everything
unchanged, judges each exchange against openapi.yaml with the contract suite's checks (the request's
parameters and body; the answer's status, content type, headers, rate-limit fields, schema and
problem document) and prints each violation as it happens, and a summary on exit (Ctrl-C or
SIGTERM). Exit code 1 when any exchange broke the contract, 0 otherwise.

  --upstream URL   the deployment to check (required)
  --port N         where the proxy listens (default 4011; 0 picks a free port)
  --host H         default 127.0.0.1
  --engine E       telemock (default), or prism: Stoplight Prism's proxy as a second opinion
                   (only when @stoplight/prism-cli is installed)
  --spec FILE      the contract (default: the bundled openapi.yaml)
`;

/** \`telemock proxy\`: runs until SIGINT/SIGTERM, then prints the summary and resolves to the exit code. */
export async function runProxyCli(args: string[]): Promise<number> {
  let values: {
    upstream?: string;
    port?: string;
    host?: string;
    engine?: string;
    spec?: string;
    help?: boolean;
  };
  try {
    ({ values } = parseArgs({
      args,
      options: {
        upstream: { type: 'string' },
        port: { type: 'string' },
        host: { type: 'string' },
        engine: { type: 'string' },
        spec: { type: 'string' },
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
  const engine = (values.engine ?? 'telemock') as ProxyEngine;
  const upstream = values.upstream;
  const problem =
    upstream === undefined
      ? '--upstream is required.'
      : !URL.canParse(upstream) || !/^https?:$/.test(new URL(upstream).protocol)
        ? `--upstream must be an http or https URL, not '${upstream}'.`
        : !Number.isInteger(port) || port < 0 || port > 65535
          ? `--port must be a port number, not '${values.port}'.`
          : engine !== 'telemock' && engine !== 'prism'
            ? `--engine must be telemock or prism, not '${values.engine}'.`
            : undefined;
  if (problem !== undefined || upstream === undefined) {
    process.stderr.write(`${problem}\n\n${USAGE}`);
    return 2;
  }
  let proxy: Awaited<ReturnType<typeof startValidatingProxy>>;
  try {
    proxy = await startValidatingProxy({
      upstream,
      port,
      host: values.host,
      engine,
      specPath: values.spec,
      onViolation: (v) => process.stdout.write(`${formatViolation(v)}\n`),
    });
  } catch (error) {
    if (!(error instanceof PrismUnavailable) && !(error instanceof Error && 'code' in error)) throw error;
    process.stderr.write(`telemock proxy: ${error.message}\n`);
    return 2;
  }
  const judge = engine === 'prism' ? "Prism's checks" : "the contract suite's checks";
  process.stdout.write(
    `Validating proxy on ${proxy.url} → ${upstream}, judged by ${judge} (Ctrl-C for the summary)\n`,
  );
  const signal = await new Promise<NodeJS.Signals>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await proxy.close();
  process.stdout.write(`\n${signal}: ${summarise(proxy.violations, proxy.exchanges())}`);
  return proxy.violations.length > 0 ? 1 : 0;
}
