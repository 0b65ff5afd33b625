import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { isOwnOrigin } from '../../pipeline/cors.js';
import { ADMIN_PREFIX } from '../../pipeline/pipeline.js';
import { sendProblem } from './send-problem.js';

const READS = new Set(['GET', 'HEAD']);

/**
 * Express middleware: the admin API and the inspector answer their own origin only. A request
 * whose `Origin` is another origin (or `null`) gets 403, and so does a state-changing one that
 * the browser marks cross-site; a request with neither (curl, a test, a navigation) goes on.
 */
export function sameOriginOnly(): RequestHandler {
  return (req: Request, res: Response, next: NextFunction) => {
    if (!req.path.startsWith(ADMIN_PREFIX) && req.path !== '/__mock') return next();
    const origin = req.headers.origin;
    const own = `http://${req.headers.host}`;
    const site = req.headers['sec-fetch-site'];
    const crossSite = site === 'cross-site' || site === 'same-site';
    if (origin === undefined ? !crossSite || READS.has(req.method) : isOwnOrigin(origin, req.headers.host))
      return next();
    const from = origin ?? `a ${site} page`;
    sendProblem(
      res,
      'cross_origin_refused',
      `The admin API and the inspector answer their own origin (${own}) only, not ${from}.`,
    );
  };
}
