const IPV4_LOOPBACK = /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/;
const ANY_LOCAL = new Set(['localhost', '0.0.0.0', '[::1]', '[::]', '[::ffff:7f00:1]', '[::ffff:0:0]']);

// WHATWG URL has already normalised the host (127.1 → 127.0.0.1, [::ffff:127.0.0.1] → [::ffff:7f00:1]).
const isLocal = (host: string) =>
  ANY_LOCAL.has(host) || host.endsWith('.localhost') || IPV4_LOOPBACK.test(host);

const portOf = (url: URL) => url.port || (url.protocol === 'https:' ? '443' : '80');

/**
 * True when `target` reaches the admin API of the mock listening at `self`: the same port on the
 * same host or any loopback name for it, and a path under /__mock however it is spelled
 * (percent-encoded, doubled slashes, upper case). For `isForbiddenTarget` and webhook URL checks.
 */
export function isOwnAdminUrl(target: URL, self: URL): boolean {
  if (portOf(target) !== portOf(self)) return false;
  const sameHost = target.hostname === self.hostname || (isLocal(target.hostname) && isLocal(self.hostname));
  if (!sameHost) return false;
  let path = target.pathname;
  try {
    path = decodeURIComponent(path);
  } catch {
    // A malformed escape cannot be routed anywhere either; judge the path as written.
  }
  return path
    .replace(/\/{2,}/g, '/')
    .toLowerCase()
    .startsWith('/__mock');
}
