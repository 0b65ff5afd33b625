import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { adminOriginRefusal, isAdminPath } from '../../pipeline/request-policy.js';
import { sendProblem } from './send-problem.js';

/** Express middleware: 403 for a cross-origin request to the admin API or the inspector (request-policy.ts). */
export function sameOriginOnly(): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!isAdminPath(req.path)) return next();
    const refusal = adminOriginRefusal(req.method, req.headers);
    if (refusal === undefined) return next();
    sendProblem(res, 'cross_origin_refused', refusal);
  };
}
