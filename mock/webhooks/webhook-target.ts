import { isAdminPath, isLocalHost, isOwnAdminUrl, portOf } from './own-admin-url.js';

export interface WebhookTargetRuleOptions {
  /** Where the mock listens; nothing (MSW, in-process) means no admin API to protect. */
  self?: () => URL | undefined;
  /** Resolves a host name to its addresses (Node's `dns.lookup`); without it names are judged as written. */
  resolve?: (hostname: string) => Promise<string[]>;
  /** This machine's interface addresses, for a mock bound to all of them (0.0.0.0, ::). */
  localAddresses?: () => string[];
  /** How long a lookup may take before the name is judged as written; 1000 ms by default. */
  resolveTimeoutMs?: number;
}

const IP_LITERAL = /^(\d{1,3}(\.\d{1,3}){3}|\[.*\])$/;
const WILDCARD = new Set(['0.0.0.0', '[::]']);

/** An address as WHATWG URL writes a host (IPv6 in brackets, IPv4-mapped in hex), so it compares like one. */
function asHost(address: string): string {
  try {
    return new URL(`http://${address.includes(':') && !address.startsWith('[') ? `[${address}]` : address}`)
      .hostname;
  } catch {
    return address;
  }
}

/**
 * The one rule for where webhooks (call events, SMS events, the scenario brain) may go: http(s)
 * only, and never the mock's own admin API — by any name, including one that resolves to the
 * mock's address (an /etc/hosts entry, a DNS name pointing at 127.0.0.1) on its port, since a
 * webhook there could reset or steer the mock. Every other target is allowed: loopback receivers
 * on other ports are the normal case. The API checks a URL when it is given (400), the dispatcher
 * again before every attempt.
 */
export class WebhookTargetRule {
  readonly #options: WebhookTargetRuleOptions;

  constructor(options: WebhookTargetRuleOptions = {}) {
    this.#options = options;
  }

  /** True when `target` reaches the mock's own admin API, as written or once its name is resolved. */
  async isOwnAdmin(target: URL): Promise<boolean> {
    const self = this.#options.self?.();
    if (!self || !isAdminPath(target) || portOf(target) !== portOf(self)) return false;
    if (isOwnAdminUrl(target, self)) return true;
    const addresses = IP_LITERAL.test(target.hostname)
      ? [target.hostname]
      : await this.#resolve(target.hostname);
    const local = WILDCARD.has(self.hostname) ? (this.#options.localAddresses?.() ?? []).map(asHost) : [];
    return addresses
      .map(asHost)
      .some(
        (a) => a === self.hostname || (isLocalHost(a) && isLocalHost(self.hostname)) || local.includes(a),
      );
  }

  /** Why the mock will not send to `target`, or null when it may. */
  async refuse(target: string): Promise<string | null> {
    let url: URL;
    try {
      url = new URL(target);
    } catch {
      return `refused: ${target} is not a URL`;
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:')
      return `refused: only http and https URLs receive webhooks, not ${url.protocol}`;
    if (await this.isOwnAdmin(url)) return "refused: the target is the mock's own admin API";
    return null;
  }

  async #resolve(hostname: string): Promise<string[]> {
    const { resolve, resolveTimeoutMs = 1_000 } = this.#options;
    if (!resolve) return [];
    let timer: ReturnType<typeof setTimeout> | undefined;
    // A name that does not resolve (or not in time) cannot be delivered to the mock either.
    const late = new Promise<string[]>((done) => {
      timer = setTimeout(() => done([]), resolveTimeoutMs);
    });
    try {
      return await Promise.race([resolve(hostname).catch(() => []), late]);
    } finally {
      clearTimeout(timer);
    }
  }
}
