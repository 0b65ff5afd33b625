/**
 * The request policy: every rule about *which* request is what, decided here once and read by the
 * pipeline and both adapters — which paths are the admin API's and the pages', which methods only
 * read, how request ids are made, which `Host` the mock answers and which `Origin` it trusts.
 */

// ── Paths ─────────────────────────────────────────────────────────────────────────────────────

/** The admin API (and the inspector) live under this path; everything else is the telephony API or a page. */
export const ADMIN_PATH = '/__mock';
export const ADMIN_PREFIX = `${ADMIN_PATH}/`;

/** Whether a path is the admin side's: `/__mock` itself or anything under `/__mock/`. */
export function isAdminPath(path: string): boolean {
  return path.startsWith(ADMIN_PREFIX) || path === ADMIN_PATH;
}

/** What the server answers itself, outside the pipeline: the API reference, the specs, the inspector's files. */
export const PAGE_PREFIXES: readonly string[] = [
  '/docs',
  '/openapi.yaml',
  '/__mock/openapi.yaml',
  '/__mock/ui',
];

/**
 * Whether the server checks this path's `Host` before the pipeline sees it (the admin API, the
 * inspector, the specs, /docs). The telephony API checks its Host in the pipeline, after the rate
 * limit, so its 403 carries the headers its spec promises on every answer.
 */
export function isHostCheckedByServer(path: string): boolean {
  return isAdminPath(path) || path.startsWith('/docs') || path === '/openapi.yaml';
}

// ── Methods ───────────────────────────────────────────────────────────────────────────────────

const READ_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Whether a method only reads (RFC 9110 §9.2.1 safe methods the mock takes): what a read-only token
 * may send, what needs no JSON content type on the admin API, what never changes saved state.
 */
export function isRead(method: string): boolean {
  return READ_METHODS.has(method);
}

// ── Request ids ───────────────────────────────────────────────────────────────────────────────

/** Request ids in order, one sequence per pipeline: `req_` and 16 base-36 digits. */
export function requestIdSequence(): () => string {
  let count = 0;
  return () => `req_${(++count).toString(36).padStart(16, '0')}`;
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/**
 * A request id for a refusal made before any pipeline saw the request (the adapters' own 400s and
 * 403s): random, so it cannot be taken for one of the pipeline's ids.
 */
export function outOfSequenceRequestId(): string {
  const bytes = globalThis.crypto.getRandomValues(new Uint8Array(16));
  let id = 'req_';
  for (const byte of bytes) id += ALPHANUMERIC[byte % ALPHANUMERIC.length];
  return id;
}

// ── Host ──────────────────────────────────────────────────────────────────────────────────────

/** Which `Host` headers the mock answers: loopback, any IP literal, the bound host, `--allowed-host`. */
export interface HostPolicy {
  /** The address the server listens on (`--host`). */
  boundHost: string;
  /** More names (`--allowed-host`); one starting with `.` allows its subdomains too. */
  allowedHosts: readonly string[];
}

const IPV4 = /^\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;
const WILDCARDS = new Set(['0.0.0.0', '[::]', '::']);

/** The host name of a `Host` header as WHATWG URL normalises it (lower case, IPv6 in brackets), or null. */
export function hostNameOf(host: string): string | null {
  try {
    const url = new URL(`http://${host}`);
    if (url.username || url.password || url.pathname !== '/' || url.search || url.hash) return null;
    return url.hostname.replace(/\.$/, '');
  } catch {
    return null;
  }
}

const nameOf = (host: string) => hostNameOf(host.includes(':') && !host.startsWith('[') ? `[${host}]` : host);

/**
 * Whether a request's `Host` is one the mock answers (Vite's and webpack-dev-server's rule against
 * DNS rebinding): `localhost` and `*.localhost`, any IP literal (a rebound name never arrives as
 * one), the host the mock was bound to, and the `--allowed-host` names. A missing Host (MSW,
 * in-process) has no DNS behind it and passes.
 */
export function isAllowedHost(host: string | undefined, policy: HostPolicy): boolean {
  if (host === undefined) return true;
  const name = hostNameOf(host);
  if (name === null) return false;
  if (name === 'localhost' || name.endsWith('.localhost') || IPV4.test(name) || name.startsWith('['))
    return true;
  if (!WILDCARDS.has(policy.boundHost) && nameOf(policy.boundHost) === name) return true;
  return policy.allowedHosts.some((allowed) => {
    const wanted = nameOf(allowed.startsWith('.') ? allowed.slice(1) : allowed);
    if (wanted === null) return false;
    return name === wanted || (allowed.startsWith('.') && name.endsWith(`.${wanted}`));
  });
}

/** Verdicts remembered per checker; past it the memory starts again, so a flood of odd Hosts costs no memory. */
export const HOST_VERDICTS_KEPT = 64;

/**
 * {@link isAllowedHost} for one policy, each `Host` value judged once: a request's Host is nearly
 * always the one before it, and judging it parses a URL.
 */
export function hostChecker(
  policy: HostPolicy,
  kept = HOST_VERDICTS_KEPT,
  judge: typeof isAllowedHost = isAllowedHost,
): (host: string | undefined) => boolean {
  const verdicts = new Map<string | undefined, boolean>();
  return (host) => {
    let verdict = verdicts.get(host);
    if (verdict === undefined) {
      verdict = judge(host, policy);
      if (verdicts.size >= kept) verdicts.clear();
      verdicts.set(host, verdict);
    }
    return verdict;
  };
}

/** The detail of a 403 for a Host the mock does not answer; it names the flag that allows it. */
export function hostRefusal(host: string | undefined): string {
  const name = (host && hostNameOf(host)) || String(host);
  return (
    `The Host '${host}' is not one this mock answers (a DNS-rebinding page would arrive like this). ` +
    `If you reach the mock by that name, start it with --allowed-host ${name}.`
  );
}

// ── Origin ────────────────────────────────────────────────────────────────────────────────────

/** Origins whose pages may call the telephony API: `*`, or these beside the loopback ones. */
export type CorsOrigins = '*' | readonly string[];

// Vite's default: http(s) on localhost, *.localhost, 127.0.0.1 or [::1], any port.
const LOOPBACK_ORIGIN = /^https?:\/\/(?:(?:[^:/]+\.)?localhost|127\.0\.0\.1|\[::1\])(?::\d{1,5})?$/i;

/**
 * Whether `origin` is the mock's own, by the `Host` the request was sent to: http, or https behind a
 * TLS proxy that keeps the Host (the Host check has vouched for the name).
 */
export function isOwnOrigin(origin: string, host: string | undefined): boolean {
  if (host === undefined) return false;
  const own = host.toLowerCase();
  const given = origin.toLowerCase();
  return given === `http://${own}` || given === `https://${own}`;
}

/** Whether a page on `origin` may read the telephony API's answers. The mock's own origin always may. */
export function isAllowedOrigin(origin: string, host: string | undefined, origins: CorsOrigins): boolean {
  if (origins === '*' || LOOPBACK_ORIGIN.test(origin) || isOwnOrigin(origin, host)) return true;
  return origins.some((allowed) => allowed.replace(/\/$/, '').toLowerCase() === origin.toLowerCase());
}

/**
 * Why the admin side refuses a request's origin, or undefined: the admin API and the inspector
 * answer their own origin only. A request whose `Origin` is another origin (or `null`) is refused,
 * and so is a state-changing one that the browser marks cross-site; a request with neither (curl,
 * a test, a navigation) goes on.
 */
export function adminOriginRefusal(
  method: string,
  headers: { origin?: string | undefined; host?: string | undefined; 'sec-fetch-site'?: string | undefined },
): string | undefined {
  const { origin, host } = headers;
  const site = headers['sec-fetch-site'];
  const crossSite = site === 'cross-site' || site === 'same-site';
  if (origin === undefined ? !crossSite || isRead(method) : isOwnOrigin(origin, host)) return undefined;
  const from = origin ?? `a ${site} page`;
  return `The admin API and the inspector answer their own origin (http://${host}) only, not ${from}.`;
}
