import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { type HostPolicy, hostRefusal } from '../../pipeline/host-check.js';
import { hostChecker } from '../../pipeline/host-checker.js';
import { ADMIN_PREFIX } from '../../pipeline/pipeline.js';
import { sendProblem } from './send-problem.js';

// The telephony API checks the Host in the pipeline, after the rate limit, so its 403 carries the
// headers its spec promises; everything else the server answers is checked here.
const checkedHere = (path: string) =>
  path.startsWith(ADMIN_PREFIX) || path === '/__mock' || path.startsWith('/docs') || path === '/openapi.yaml';

/** Express middleware: 403 for a `Host` the mock does not answer (DNS rebinding), on the admin API, inspector, specs and /docs. */
export function hostCheck(policy: HostPolicy): RequestHandler {
  const allowed = hostChecker(policy);
  return (req: Request, res: Response, next: NextFunction) => {
    if (!checkedHere(req.path) || allowed(req.headers.host)) return next();
    sendProblem(res, 'host_not_allowed', hostRefusal(req.headers.host));
  };
}
