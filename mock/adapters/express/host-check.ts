import type { NextFunction, Request, RequestHandler, Response } from 'express';
import {
  type HostPolicy,
  hostChecker,
  hostRefusal,
  isHostCheckedByServer,
} from '../../pipeline/request-policy.js';
import { sendProblem } from './send-problem.js';

/** Express middleware: 403 for a `Host` the mock does not answer (DNS rebinding), where the server checks it. */
export function hostCheck(policy: HostPolicy): RequestHandler {
  const allowed = hostChecker(policy);
  return (req: Request, res: Response, next: NextFunction) => {
    if (!isHostCheckedByServer(req.path) || allowed(req.headers.host)) return next();
    sendProblem(res, 'host_not_allowed', hostRefusal(req.headers.host));
  };
}
