import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { writeOpenApi30 } from './to-openapi30.js';

const USAGE = `Usage: npm run contract:dredd -- URL [options]

Runs Dredd against URL with a 3.0 copy of openapi.yaml and hooks that provoke each documented
status and validate every response body against the 3.1 spec. Exits with Dredd's code.

  --token T             Bearer token with full access (default: the mock's demo-token)
  --forbidden-token T   a token that gets 403 (default with the mock's tokens: demo-token-suspended;
                        without it the 403 cases are skipped)
  --junit FILE          also write Dredd's xunit (JUnit XML) report to FILE
  --no-faults           skip the 500/503 cases instead of asking for them with 'Prefer: code=…'
  --answer-timeout S    seconds to wait for a call to be answered (default 30)
`;

const HOOKS = fileURLToPath(new URL('./hooks.cjs', import.meta.url));

function dreddBin(): string {
  const require = createRequire(import.meta.url);
  return join(dirname(require.resolve('dredd/package.json')), 'bin', 'dredd');
}

/** Runs Dredd with telemock's hooks against `args[0]`; resolves to Dredd's exit code (2 on bad arguments). */
export async function runDredd(args: string[]): Promise<number> {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n\n${USAGE}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const url = positionals[0];
  if (values.help || !url || !URL.canParse(url)) {
    (values.help ? process.stdout : process.stderr).write(USAGE);
    return values.help ? 0 : 2;
  }
  const mockTokens = values.token === undefined;
  const dir = await mkdtemp(join(tmpdir(), 'telemock-dredd-'));
  try {
    const spec = await writeOpenApi30(join(dir, 'openapi-3.0.yaml'));
    const dreddArgs = [spec, url, '--hookfiles', HOOKS, '--loglevel', 'error'];
    if (!process.stdout.isTTY) dreddArgs.push('--no-color');
    if (values.junit) dreddArgs.push('--reporter', 'xunit', '--output', resolve(values.junit));
    const env = {
      ...process.env,
      TELEMOCK_DREDD_URL: url,
      TELEMOCK_DREDD_TOKEN: values.token ?? 'demo-token',
      TELEMOCK_DREDD_FORBIDDEN_TOKEN: values['forbidden-token'] ?? (mockTokens ? 'demo-token-suspended' : ''),
      TELEMOCK_DREDD_FAULTS: values['no-faults'] ? '0' : '1',
      TELEMOCK_DREDD_ANSWER_TIMEOUT_MS: String(Number(values['answer-timeout'] ?? 30) * 1000),
    };
    // Under tsx the hook file can import judge.ts; Dredd itself does not care.
    const child = spawn(
      process.execPath,
      ['--import', import.meta.resolve('tsx'), dreddBin(), ...dreddArgs],
      {
        env,
        stdio: 'inherit',
      },
    );
    return await new Promise<number>((done, fail) => {
      child.once('error', fail);
      child.once('exit', (code, signal) => done(code ?? (signal ? 1 : 0)));
    });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

function parse(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    options: {
      token: { type: 'string' },
      'forbidden-token': { type: 'string' },
      junit: { type: 'string' },
      'no-faults': { type: 'boolean' },
      'answer-timeout': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  runDredd(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
  });
}
