import { parseArgs } from 'node:util';

/** What the suite needs to judge a target: only where it is and who to be. */
export interface ContractOptions {
  baseUrl: string;
  token: string;
  readonlyToken?: string | undefined;
  otherToken?: string | undefined;
  /** A token of a suspended account: every request must get 403 and change nothing. */
  suspendedToken?: string | undefined;
  /** Opt-in checks: `rate-limit` spends the quota, `webhooks` needs the target to reach the runner. */
  include: Array<'rate-limit' | 'webhooks'>;
  /** Only these operations (all when empty). */
  only: string[];
  /** Only these checks (all when empty); mostly for focused runs and the kit's own tests. */
  checks: string[];
  junit?: string | undefined;
  report?: string | undefined;
  /** The public URL of the runner's webhook listener, when the target cannot reach 127.0.0.1. */
  webhookUrl?: string | undefined;
  webhookPort: number;
  /** The only number the suite dials or texts. */
  callTo: string;
  maxCalls: number;
  readOnly: boolean;
  /** How long to wait for a call to move (answer, end) or a webhook to arrive. */
  timeoutMs: number;
  /** Where the spec is (openapi.yaml by default). */
  specPath?: string | undefined;
}

export const DEFAULT_CALL_TO = '+14155550123';
export const DEFAULT_MAX_CALLS = 6;
const OPT_IN = ['rate-limit', 'webhooks'] as const;

export const USAGE = `telemock contract — judge a deployment of the telephony API against openapi.yaml

Usage: telemock contract --base-url URL --token T [options]

  --base-url URL        the deployment to judge (env TELEMOCK_BASE_URL)
  --token T             a full-access token (env TELEMOCK_TOKEN)
  --readonly-token T    a read-only token of the same user: writes must get 403 (env TELEMOCK_READONLY_TOKEN)
  --other-token T       a token of another user: must see none of the first user's data (env TELEMOCK_OTHER_TOKEN)
  --suspended-token T   a token of a suspended account: every request, reads included, must get 403 and change nothing
                        (env TELEMOCK_SUSPENDED_TOKEN)
  --include LIST        opt-in checks: rate-limit (spends the quota, twice: one by one and in parallel),
                        webhooks (the target must reach the runner)
  --only LIST           only these operationIds
  --checks LIST         only these checks
  --junit FILE          write JUnit XML
  --report FILE.html    write one self-contained HTML page with the matrix and the failures
  --webhook-url URL     public URL of the runner's webhook listener (default http://127.0.0.1:PORT/)
  --webhook-port N      port of the webhook listener (default: any free port)
  --call-to NUMBER      the only number the suite may dial or text (default ${DEFAULT_CALL_TO})
  --max-calls N         most calls the suite may create (default ${DEFAULT_MAX_CALLS})
  --read-only           send only reads: checks that would create or change something are skipped
  --timeout-ms N        how long to wait for a call to move or a webhook to arrive (default 30000)
  --spec FILE           the contract (default: the bundled openapi.yaml)

Exit codes: 0 every check passed, 1 a check failed, 2 the suite could not run.
`;

const list = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

function positiveInt(name: string, value: string | undefined, fallback: number, min = 0): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isInteger(n) || n < min)
    throw new Error(`--${name} must be an integer ≥ ${min}, not '${value}'.`);
  return n;
}

/** The arguments that say where the target is and who to be: shared by every judge's command line. */
export const TARGET_ARGS = {
  'base-url': { type: 'string' },
  token: { type: 'string' },
  'readonly-token': { type: 'string' },
  'other-token': { type: 'string' },
  'suspended-token': { type: 'string' },
  'call-to': { type: 'string' },
} as const;

/** Reads the command line and the CI environment; throws an Error with a clear message when they are wrong. */
export function parseContractOptions(
  args: string[],
  env: NodeJS.ProcessEnv = process.env,
): ContractOptions | 'help' {
  const { values } = parseArgs({
    args,
    strict: true,
    allowPositionals: false,
    options: {
      ...TARGET_ARGS,
      include: { type: 'string' },
      only: { type: 'string' },
      checks: { type: 'string' },
      junit: { type: 'string' },
      report: { type: 'string' },
      'webhook-url': { type: 'string' },
      'webhook-port': { type: 'string' },
      'max-calls': { type: 'string' },
      'read-only': { type: 'boolean' },
      'timeout-ms': { type: 'string' },
      spec: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    },
  });
  if (values.help) return 'help';
  const baseUrl = values['base-url'] ?? env.TELEMOCK_BASE_URL;
  const token = values.token ?? env.TELEMOCK_TOKEN;
  if (!baseUrl) throw new Error('--base-url (or TELEMOCK_BASE_URL) is required.');
  if (!/^https?:\/\/[^/]/.test(baseUrl))
    throw new Error(`--base-url must be an http(s) URL, not '${baseUrl}'.`);
  if (!token) throw new Error('--token (or TELEMOCK_TOKEN) is required.');
  const include = list(values.include);
  const unknown = include.filter((name) => !(OPT_IN as readonly string[]).includes(name));
  if (unknown.length > 0)
    throw new Error(`--include takes ${OPT_IN.join(', ')}; unknown: ${unknown.join(', ')}.`);
  const callTo = values['call-to'] ?? DEFAULT_CALL_TO;
  if (!/^\+[1-9][0-9]{1,14}$/.test(callTo) && !callTo.startsWith('sip:'))
    throw new Error(`--call-to must be an E.164 number or a sip: URI, not '${callTo}'.`);
  return {
    baseUrl: baseUrl.replace(/\/+$/, ''),
    token,
    readonlyToken: values['readonly-token'] ?? env.TELEMOCK_READONLY_TOKEN,
    otherToken: values['other-token'] ?? env.TELEMOCK_OTHER_TOKEN,
    suspendedToken: values['suspended-token'] ?? env.TELEMOCK_SUSPENDED_TOKEN,
    include: include as ContractOptions['include'],
    only: list(values.only),
    checks: list(values.checks),
    junit: values.junit,
    report: values.report,
    webhookUrl: values['webhook-url'],
    webhookPort: positiveInt('webhook-port', values['webhook-port'], 0),
    callTo,
    maxCalls: positiveInt('max-calls', values['max-calls'], DEFAULT_MAX_CALLS),
    readOnly: values['read-only'] ?? false,
    timeoutMs: positiveInt('timeout-ms', values['timeout-ms'], 30_000, 1),
    specPath: values.spec,
  };
}
