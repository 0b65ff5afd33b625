import { ADMIN_PATH } from '../pipeline/request-policy.js';

const IPV4_LOOPBACK = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;
const ANY_LOCAL = new Set(['localhost', '0.0.0.0', '[::1]', '[::]', '[::ffff:7f00:1]', '[::ffff:0:0]']);

// WHATWG URL has already normalised the host (127.1 → 127.0.0.1, [::ffff:127.0.0.1] → [::ffff:7f00:1]).
/** True for a host name that is this machine whatever it listens on: loopback, `localhost`, the wildcard. */
export const isLocalHost = (host: string) =>
  ANY_LOCAL.has(host) || host.endsWith('.localhost') || IPV4_LOOPBACK.test(host);

/** The port a URL reaches, its scheme's default when none is written. */
export const portOf = (url: URL) => url.port || (url.protocol === 'https:' ? '443' : '80');

/** True for a path under /__mock however it is spelled (percent-encoded, doubled slashes, upper case). */
export function isAdminPath(url: URL): boolean {
  let path = url.pathname;
  try {
    path = decodeURIComponent(path);
  } catch {
    // A malformed escape cannot be routed anywhere either; judge the path as written.
  }
  return path
    .replace(/\/{2,}/g, '/')
    .toLowerCase()
    .startsWith(ADMIN_PATH);
}

/**
 * True when `target`, as written, reaches the admin API of the mock listening at `self`: the same
 * port on the same host or any loopback name for it, and a path under /__mock. Names that only
 * resolve there are judged by WebhookTargetRule (webhook-target.ts), which uses this.
 */
export function isOwnAdminUrl(target: URL, self: URL): boolean {
  if (portOf(target) !== portOf(self)) return false;
  const sameHost =
    target.hostname === self.hostname || (isLocalHost(target.hostname) && isLocalHost(self.hostname));
  return sameHost && isAdminPath(target);
}
