import { Router } from '../../spec/router.js';
import { loadSpec, SPEC_PATH } from '../../spec/spec.js';
import { SpecValidators } from '../../spec/validators.js';
import { startForwardingServer, type ValidatingProxy } from './forwarding-server.js';
import { judgeExchange } from './judge-exchange.js';
import { judgeBySlViolations, startPrismProxy } from './prism-process.js';
import type { Violation } from './violations.js';

export type { ValidatingProxy } from './forwarding-server.js';

/** Who judges the traffic: telemock's own checks (the default), or Prism's proxy as a second opinion. */
export type ProxyEngine = 'telemock' | 'prism';

export interface ValidatingProxyOptions {
  upstream: string;
  /** 0 picks a free port. */
  port?: number | undefined;
  host?: string | undefined;
  specPath?: string | undefined;
  engine?: ProxyEngine | undefined;
  /** Called with each violation as soon as its exchange is seen. */
  onViolation?: ((violation: Violation) => void) | undefined;
}

/**
 * A validating proxy in front of `upstream`: traffic goes through unchanged, and each exchange is
 * judged against the spec as it passes — by the contract suite's own checks (contracts/proxy/
 * judge-exchange.ts), or, with `engine: 'prism'`, by Prism's proxy (a devDependency of telemock,
 * there only when installed).
 */
export async function startValidatingProxy(options: ValidatingProxyOptions): Promise<ValidatingProxy> {
  const specPath = options.specPath ?? SPEC_PATH;
  const front = { port: options.port, host: options.host, onViolation: options.onViolation };
  if (options.engine === 'prism') {
    const prism = await startPrismProxy(specPath, options.upstream);
    try {
      return await startForwardingServer({
        ...front,
        upstream: prism.url,
        judge: judgeBySlViolations,
        onClose: prism.stop,
      });
    } catch (error) {
      await prism.stop();
      throw error;
    }
  }
  const validators = new SpecValidators(await loadSpec(specPath));
  const router = new Router(validators.spec.operations.values());
  return startForwardingServer({
    ...front,
    upstream: options.upstream,
    judge: (exchange) => judgeExchange(validators, router, exchange),
  });
}
