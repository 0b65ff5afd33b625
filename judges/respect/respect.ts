import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { readdir } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { TARGET_ARGS } from '../../contracts/options.js';

const USAGE = `Usage: npm run contract:respect -- --base-url URL [options]

Runs the Arazzo workflows of judges/respect/ (written against openapi.yaml's operationIds)
with Redocly's respect against URL. Exits with respect's code (2 on bad arguments).

  --base-url URL        the deployment (env TELEMOCK_BASE_URL)
  --token T             a full-access token (env TELEMOCK_TOKEN; default: the mock's demo-token)
  --readonly-token T    a read-only token of the same user (env TELEMOCK_READONLY_TOKEN)
  --other-token T       a token of another user (env TELEMOCK_OTHER_TOKEN)
  --suspended-token T   a token of a suspended account (env TELEMOCK_SUSPENDED_TOKEN)
                        (without the three, the auth-and-tenancy workflow is skipped, unless the
                        mock's demo tokens apply: no --token given)
  --call-to NUMBER      the only number the workflows dial or text (default +14155550123)
  --workflow ID         only this workflow (repeatable)
  --json FILE           also write respect's JSON report to FILE
`;

const WORKFLOWS = dirname(fileURLToPath(import.meta.url));
/** The source description's name in every workflow file: the server URL is given for it. */
const SOURCE = 'telephony';
const TENANCY_FILE = 'auth-and-tenancy.arazzo.yaml';

function redoclyBin(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('@redocly/cli/package.json')), 'bin', 'cli.js');
}

/** The workflow files, and the `--input`s they take. */
export async function respectArguments(args: string[], env: NodeJS.ProcessEnv = process.env) {
  const { values } = parseArgs({
    args,
    options: {
      ...TARGET_ARGS,
      workflow: { type: 'string', multiple: true },
      json: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help' as const;
  const baseUrl = values['base-url'] ?? env.TELEMOCK_BASE_URL;
  if (!baseUrl || !/^https?:\/\/[^/]/.test(baseUrl))
    throw new Error('--base-url URL (http or https) is required.');
  const token = values.token ?? env.TELEMOCK_TOKEN;
  const demo = token === undefined;
  const tokens = {
    token: token ?? 'demo-token',
    readonlyToken:
      values['readonly-token'] ?? env.TELEMOCK_READONLY_TOKEN ?? (demo ? 'demo-token-readonly' : undefined),
    otherToken: values['other-token'] ?? env.TELEMOCK_OTHER_TOKEN ?? (demo ? 'demo-token-other' : undefined),
    suspendedToken:
      values['suspended-token'] ??
      env.TELEMOCK_SUSPENDED_TOKEN ??
      (demo ? 'demo-token-suspended' : undefined),
  };
  const skipped: string[] = [];
  let files = (await readdir(WORKFLOWS)).filter((f) => f.endsWith('.arazzo.yaml')).sort();
  if (!tokens.readonlyToken || !tokens.otherToken || !tokens.suspendedToken) {
    files = files.filter((f) => f !== TENANCY_FILE);
    skipped.push(`${TENANCY_FILE}: needs --readonly-token, --other-token and --suspended-token`);
  }
  const inputs: Record<string, string | undefined> = {
    ...tokens,
    callTo: values['call-to'] ?? '+14155550123',
    // A key no earlier run used: a replay of another run's key with another body would be a 409.
    idempotencyKey: `telemock-arazzo-${randomUUID()}`,
  };
  const argv = [
    'respect',
    ...files.map((f) => join(WORKFLOWS, f)),
    '--server',
    `${SOURCE}=${baseUrl.replace(/\/+$/, '')}`,
    ...Object.entries(inputs).flatMap(([name, value]) => (value ? ['--input', `${name}=${value}`] : [])),
    ...(values.workflow ?? []).flatMap((id) => ['--workflow', id]),
    ...(values.json ? ['--json-output', values.json] : []),
  ];
  return { argv, skipped };
}

/** Runs `redocly respect` over the workflows; resolves to its exit code. */
export async function runRespect(
  args: string[],
  io: { stdio?: 'inherit' | 'pipe'; onOutput?: (text: string) => void } = {},
): Promise<number> {
  let built: Awaited<ReturnType<typeof respectArguments>>;
  try {
    built = await respectArguments(args);
  } catch (error) {
    process.stderr.write(`contract:respect: ${(error as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (built === 'help') {
    process.stdout.write(USAGE);
    return 0;
  }
  for (const line of built.skipped) process.stderr.write(`skipped ${line}\n`);
  const child = spawn(process.execPath, [redoclyBin(), ...built.argv], {
    stdio: io.stdio === 'pipe' ? ['ignore', 'pipe', 'pipe'] : 'inherit',
    env: { ...process.env, NO_COLOR: '1' },
  });
  child.stdout?.on('data', (chunk: Buffer) => io.onOutput?.(chunk.toString('utf8')));
  child.stderr?.on('data', (chunk: Buffer) => io.onOutput?.(chunk.toString('utf8')));
  return new Promise<number>((done, fail) => {
    child.once('error', fail);
    child.once('exit', (code, signal) => done(code ?? (signal ? 1 : 0)));
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runRespect(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
