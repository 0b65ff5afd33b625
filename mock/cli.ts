import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { type MockOptions, startMock } from '../exports/server.js';
import { DEFAULT_HOST, DEFAULT_PORT } from './defaults.js';
import type { DeliverySettings, Population } from './domain/campaigns/types.js';
import type { TimeScale } from './domain/clock.js';
import {
  DEFAULT_MAX_AGENTS,
  DEFAULT_MAX_LIVE_CALLS,
  DEFAULT_RATE_LIMIT,
  DEFAULT_RETAIN,
  maxAgentsOf,
  maxLiveCallsOf,
} from './domain/limits.js';
import type { Scenario } from './domain/scenarios/types.js';
import type { UserConfig } from './domain/tenants.js';
import { readCampaignFile, readScenarioFile } from './files/scenario-files.js';
import { StateFileError } from './files/state-file.js';
import { DEFAULT_HEAP_GROWTH_PERCENT, limitHeapGrowth } from './heap-growth.js';
import { parseWebhookChaos } from './webhook-chaos-flag.js';

const HELP = `telemock serve — the stateful mock of the AI telephony API

Options (each also from the environment where named):
  --port N             port to listen on (PORT; default ${DEFAULT_PORT}; 0 picks a free one)
  --host HOST          address to bind (HOST; default ${DEFAULT_HOST}; elsewhere the admin API needs a token)
  --seed N             seed for ids and generated data (same seed, same data)
  --time-scale N       N times faster than real time, or 'manual' (moves only via the admin API)
  --rate-limit N       requests per minute per user (default ${DEFAULT_RATE_LIMIT}; 0 turns it off)
  --retain N           ended calls and texts kept per user (default ${DEFAULT_RETAIN}; oldest evicted first)
  --max-live-calls N   calls not yet ended per user (default ${DEFAULT_MAX_LIVE_CALLS}); past it POST /calls gets 409
  --max-agents N       agents per user (default ${DEFAULT_MAX_AGENTS}); past it POST /agents gets 409
  --heap-growth N      how far (percent) the heap may grow past its live data before a full GC
                       (default ${DEFAULT_HEAP_GROWTH_PERCENT}; 0 leaves V8's own rule, up to 4×: faster, more memory)
  --allowed-host NAME  another Host name the mock answers besides loopback and --host (repeatable; '.example.test' allows subdomains)
  --cors-origin LIST   origins (comma-separated) whose pages may call the telephony API besides loopback ones, or '*'
  --state-file FILE    keep the state in FILE: loaded at start, written shortly after each change and on exit
  --config FILE        JSON or YAML: { users, scenarios, populations, webhookDelivery, port, host, seed, timeScale,
                       rateLimit, retain, maxLiveCalls, maxAgents, adminToken, allowedHosts, corsOrigins, stateFile }
  --admin-token T      token for the admin API when not on 127.0.0.1 (default: a random one, printed)
  --log-level LEVEL    pino level (default info; 'silent' for none)
  --scenarios FILE     scripted callees, YAML or JSON, several per file, with 'populations:' beside 'scenarios:'
                       (repeatable; also config 'scenarios:' and 'populations:')
  --webhook-chaos SPEC deliver webhooks as real platforms do: duplicate=P,reorder=P,delay=MIN-MAX
                       (probabilities 0-1, seconds; e.g. duplicate=0.1,reorder=0.1,delay=0-3; all off by default)
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
  maxAgents?: number;
  adminToken?: string;
  scenarios?: Scenario[];
  populations?: Population[];
  webhookDelivery?: DeliverySettings;
  allowedHosts?: string[];
  corsOrigins?: string[] | string;
  stateFile?: string;
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

// `--cors-origin a,b` or `*`; each an origin as a browser sends it (scheme://host[:port], no path).
function parseOrigins(value: string | readonly string[] | undefined): '*' | string[] | undefined {
  if (value === undefined) return undefined;
  const list = (typeof value === 'string' ? value.split(',') : [...value])
    .map((o) => o.trim())
    .filter(Boolean);
  if (list.includes('*')) return '*';
  for (const origin of list) {
    let parsed: URL | undefined;
    try {
      parsed = new URL(origin);
    } catch {}
    if (!parsed || parsed.origin !== origin.replace(/\/$/, '').toLowerCase())
      throw new Error(`--cors-origin takes origins like https://app.example.com (no path), not '${origin}'`);
  }
  return list;
}

async function readConfig(path: string | undefined): Promise<ConfigFile> {
  if (!path) return {};
  const text = await readFile(path, 'utf8');
  if (path.endsWith('.json')) return JSON.parse(text) as ConfigFile;
  const { parse } = await import('yaml');
  return parse(text) as ConfigFile;
}

/** The mock's options, and the process's own: how far V8's heap may grow (heap-growth.ts). */
export type ServeOptions = MockOptions & { heapGrowthPercent?: number };

/** Options for the mock from flags, then the environment, then the config file, then the defaults. */
export async function serveOptions(args: string[], env = process.env): Promise<ServeOptions | 'help'> {
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
      'max-agents': { type: 'string' },
      'heap-growth': { type: 'string' },
      config: { type: 'string' },
      'admin-token': { type: 'string' },
      'allowed-host': { type: 'string', multiple: true },
      'cors-origin': { type: 'string' },
      'state-file': { type: 'string' },
      'log-level': { type: 'string' },
      scenarios: { type: 'string', multiple: true },
      'webhook-chaos': { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
    strict: true,
  });
  if (values.help) return 'help';
  const config = await readConfig(values.config);
  const options: ServeOptions = {
    // An empty PORT or HOST (`PORT= npm start`) is unset, not port 0 or an empty host.
    port: parseCount('port', values.port ?? (env.PORT || undefined)) ?? config.port ?? DEFAULT_PORT,
    host: values.host ?? (env.HOST || undefined) ?? config.host ?? DEFAULT_HOST,
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
  if (maxLiveCalls !== undefined) options.maxLiveCalls = maxLiveCallsOf(maxLiveCalls);
  const maxAgents = parseCount('max-agents', values['max-agents']) ?? config.maxAgents;
  if (maxAgents !== undefined) options.maxAgents = maxAgentsOf(maxAgents);
  const heapGrowthPercent = parseCount('heap-growth', values['heap-growth']);
  if (heapGrowthPercent !== undefined) options.heapGrowthPercent = heapGrowthPercent;
  if (config.users) options.users = config.users;
  const files = await Promise.all((values.scenarios ?? []).map(readCampaignFile));
  const scenarios = [...(config.scenarios ?? []), ...files.flatMap((f) => f.scenarios)];
  const populations = [...(config.populations ?? []), ...files.flatMap((f) => f.populations)];
  // Checked against the schema when the mock starts; until then they are whatever the files hold.
  if (scenarios.length > 0) options.scenarios = scenarios;
  if (populations.length > 0) options.populations = populations;
  const chaos = values['webhook-chaos'];
  const webhookDelivery = chaos !== undefined ? parseWebhookChaos(chaos) : config.webhookDelivery;
  if (webhookDelivery) options.webhookDelivery = webhookDelivery;
  const adminToken = values['admin-token'] ?? config.adminToken;
  if (adminToken) options.adminToken = adminToken;
  const allowedHosts = [...(config.allowedHosts ?? []), ...(values['allowed-host'] ?? [])];
  if (allowedHosts.length > 0) options.allowedHosts = allowedHosts;
  const corsOrigins = parseOrigins(values['cors-origin'] ?? config.corsOrigins);
  if (corsOrigins !== undefined) options.corsOrigins = corsOrigins;
  const stateFile = values['state-file'] ?? config.stateFile;
  if (stateFile) options.stateFile = stateFile;
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
    `  clock          ${options.timeScale === 'manual' ? 'manual (POST /__mock/clock/advance)' : `${options.timeScale ?? 1}× real time`}; rate limit ${options.rateLimit === 0 ? 'off' : `${options.rateLimit ?? DEFAULT_RATE_LIMIT}/min per user`}`,
    '',
  ].join('\n');
}

/** `telemock serve`: starts the mock and runs until SIGINT or SIGTERM, then closes cleanly. */
export async function runServeCli(args: string[]): Promise<number> {
  let options: ServeOptions | 'help';
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
  const { heapGrowthPercent = DEFAULT_HEAP_GROWTH_PERCENT, ...mockOptions } = options;
  limitHeapGrowth(heapGrowthPercent);
  let mock: Awaited<ReturnType<typeof startMock>>;
  try {
    mock = await startMock(mockOptions);
  } catch (error) {
    // A bad scenario or state file stops start-up with what is wrong, not a stack trace.
    if (error instanceof StateFileError) {
      process.stderr.write(`telemock serve: ${error.message}\n`);
      return 1;
    }
    const refused = ['ScenarioError', 'PopulationError', 'DomainError'];
    if (!(error instanceof Error && refused.includes(error.name))) throw error;
    process.stderr.write(`telemock serve: ${error.message}\n`);
    return 2;
  }
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
