import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import type { TimeScale } from './domain/clock.js';
import type { UserConfig } from './domain/tenants.js';
import { type MockOptions, startMock } from './server.js';

const HELP = `telemock serve — the stateful mock of the AI telephony API

Options (each also from the environment where named):
  --port N             port to listen on (PORT; default 4010; 0 picks a free one)
  --host HOST          address to bind (HOST; default 127.0.0.1; elsewhere the admin API needs a token)
  --seed N             seed for ids and generated data (same seed, same data)
  --time-scale N       N times faster than real time, or 'manual' (moves only via the admin API)
  --rate-limit N       requests per minute per user (default 100; 0 turns it off)
  --retain N           ended calls and texts kept per user (default 1000; oldest evicted first)
  --max-live-calls N   calls not yet ended per user (default 10000); past it POST /calls gets 409
  --config FILE        JSON or YAML: { users, port, host, seed, timeScale, rateLimit, retain, maxLiveCalls, adminToken }
  --admin-token T      token for the admin API when not on 127.0.0.1 (default: a random one, printed)
  --log-level LEVEL    pino level (default info; 'silent' for none)
  -h, --help           this help
`;

interface ConfigFile {
  users?: UserConfig[];
  port?: number;
  host?: string;
  seed?: number;
  timeScale?: TimeScale;
  rateLimit?: number;
  retain?: number;
  maxLiveCalls?: number;
  adminToken?: string;
}

function parseScale(value: string | undefined): TimeScale | undefined {
  if (value === undefined) return undefined;
  if (value === 'manual') return 'manual';
  const n = Number(value);
  if (!Number.isFinite(n) || n <= 0)
    throw new Error(`--time-scale must be a positive number or 'manual', not '${value}'`);
  return n;
}

function parseCount(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be a whole number, not '${value}'`);
  return n;
}

async function readConfig(path: string | undefined): Promise<ConfigFile> {
  if (!path) return {};
  const text = await readFile(path, 'utf8');
  if (path.endsWith('.json')) return JSON.parse(text) as ConfigFile;
  const { parse } = await import('yaml');
  return parse(text) as ConfigFile;
}

/** Options for the mock from flags, then the environment, then the config file, then the defaults. */
export async function serveOptions(args: string[], env = process.env): Promise<MockOptions | 'help'> {
  const { values } = parseArgs({
    args,
    options: {
      port: { type: 'string' },
      host: { type: 'string' },
      seed: { type: 'string' },
      'time-scale': { type: 'string' },
      'rate-limit': { type: 'string' },
      retain: { type: 'string' },
      'max-live-calls': { type: 'string' },
      config: { type: 'string' },
      'admin-token': { type: 'string' },
      'log-level': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) return 'help';
  const config = await readConfig(values.config);
  const options: MockOptions = {
    // An empty PORT or HOST (`PORT= npm start`) is unset, not port 0 or an empty host.
    port: parseCount('port', values.port ?? (env.PORT || undefined)) ?? config.port ?? 4010,
    host: values.host ?? (env.HOST || undefined) ?? config.host ?? '127.0.0.1',
  };
  const seed = parseCount('seed', values.seed) ?? config.seed;
  if (seed !== undefined) options.seed = seed;
  const timeScale = parseScale(values['time-scale']) ?? config.timeScale;
  if (timeScale !== undefined) options.timeScale = timeScale;
  const rateLimit = parseCount('rate-limit', values['rate-limit']) ?? config.rateLimit;
  if (rateLimit !== undefined) options.rateLimit = rateLimit;
  const retain = parseCount('retain', values.retain) ?? config.retain;
  if (retain !== undefined) options.retain = retain;
  const maxLiveCalls = parseCount('max-live-calls', values['max-live-calls']) ?? config.maxLiveCalls;
  if (maxLiveCalls !== undefined) {
    if (maxLiveCalls < 1) throw new Error('--max-live-calls must be at least 1');
    options.maxLiveCalls = maxLiveCalls;
  }
  if (config.users) options.users = config.users;
  const adminToken = values['admin-token'] ?? config.adminToken;
  if (adminToken) options.adminToken = adminToken;
  const level = values['log-level'] ?? 'info';
  options.logger =
    level === 'silent'
      ? false
      : pino({
          level,
          ...(process.stdout.isTTY
            ? { transport: { target: 'pino-pretty', options: { colorize: true } } }
            : {}),
        });
  return options;
}

function banner(url: string, options: MockOptions, adminToken: string | undefined): string {
  const users = options.users ?? [];
  const tokens = users.length
    ? users.flatMap((u) =>
        u.tokens.map(
          (t) =>
            `    ${t.token.padEnd(24)} user ${u.id}${t.access === 'read' ? ', read only' : ''}${u.suspended ? ', suspended' : ''}`,
        ),
      )
    : [
        '    demo-token               full access',
        '    demo-token-readonly      reads only (writes get 403)',
        '    demo-token-other         a second user (sees none of the first user’s data)',
        '    demo-token-suspended     a suspended account (every request gets 403)',
      ];
  return [
    `telemock is serving the AI telephony API on ${url}`,
    '  tokens (Authorization: Bearer <token>):',
    ...tokens,
    `  API reference  ${url}/docs`,
    `  inspector      ${url}/__mock/ui`,
    `  admin API      ${url}/__mock/… (spec: ${url}/__mock/openapi.yaml)${adminToken ? `, X-Admin-Token: ${adminToken}` : ''}`,
    `  clock          ${options.timeScale === 'manual' ? 'manual (POST /__mock/clock/advance)' : `${options.timeScale ?? 1}× real time`}; rate limit ${options.rateLimit === 0 ? 'off' : `${options.rateLimit ?? 100}/min per user`}`,
    '',
  ].join('\n');
}

/** `telemock serve`: starts the mock and runs until SIGINT or SIGTERM, then closes cleanly. */
export async function runServeCli(args: string[]): Promise<number> {
  let options: MockOptions | 'help';
  try {
    options = await serveOptions(args);
  } catch (error) {
    process.stderr.write(`telemock serve: ${(error as Error).message}\n\n${HELP}`);
    return 2;
  }
  if (options === 'help') {
    process.stdout.write(HELP);
    return 0;
  }
  const mock = await startMock(options);
  process.stdout.write(banner(mock.url, options, mock.adminToken));
  const stop = async (signal: string) => {
    if (typeof options === 'object' && options.logger) options.logger.info({ signal }, 'shutting down');
    await mock.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop('SIGINT'));
  process.once('SIGTERM', () => void stop('SIGTERM'));
  return 0;
}
