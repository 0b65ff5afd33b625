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

/** The detail of a 403 for a Host the mock does not answer; it names the flag that allows it. */
export function hostRefusal(host: string | undefined): string {
  const name = (host && hostNameOf(host)) || String(host);
  return (
    `The Host '${host}' is not one this mock answers (a DNS-rebinding page would arrive like this). ` +
    `If you reach the mock by that name, start it with --allowed-host ${name}.`
  );
}
