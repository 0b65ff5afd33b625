import express, { type Express, type Request, type Response } from 'express';
import type { Pipeline } from '../../pipeline/pipeline.js';
import { problem } from '../../pipeline/problems.js';
import {
  ADMIN_PATH,
  type HostPolicy,
  outOfSequenceRequestId,
  PAGE_PREFIXES,
} from '../../pipeline/request-policy.js';
import { problemResponse } from '../../pipeline/respond.js';
import type { ApiRequest } from '../../pipeline/types.js';
import { hostCheck } from './host-check.js';
import { sameOriginOnly } from './origin-guard.js';
import { readBody } from './read-body.js';

export interface AppOptions {
  pipeline: Pipeline;
  maxBodyBytes: number;
  /** The `Host` headers answered (DNS rebinding); the pipeline checks the telephony API's itself. */
  hostPolicy: HostPolicy;
  /** The dereferenced telephony spec, for /docs. */
  spec: object;
  /** Raw text of the two specs, served as they are. */
  specFiles: { api: string; admin: string };
  /** Static pages under /__mock/ui (the inspector), by path relative to it; built (or loaded) on the first visit. */
  uiAssets?: (() => UiAssets | Promise<UiAssets>) | undefined;
}

type UiAssets = Record<string, { contentType: string; body: string | Buffer }>;

const PAGE_PREFIX_LENGTH = Math.max(...PAGE_PREFIXES.map((p) => p.length));

// From the raw headers: Node keeps only the first of a repeated Authorization (or Content-Type),
// and the pipeline must see both to refuse them. Repeats are joined by ", ", as Fetch joins them.
function headersOf(req: Request): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  const raw = req.rawHeaders;
  for (let i = 0; i + 1 < raw.length; i += 2) {
    const name = (raw[i] as string).toLowerCase();
    const value = raw[i + 1] as string;
    const seen = out[name];
    out[name] = seen === undefined ? value : `${seen}, ${value}`;
  }
  return out;
}

/**
 * The Express adapter: the API reference at /docs, the specs, the inspector's files, and every
 * other request handed to the pipeline as an ApiRequest.
 */
export function createExpressApp(options: AppOptions): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('etag', false);
  const toPipeline = async (req: Request, res: Response) => {
    const { body, tooLarge } = await readBody(req, options.maxBodyBytes);
    const q = req.originalUrl.indexOf('?');
    const request: ApiRequest = {
      method: req.method,
      path: q < 0 ? req.originalUrl : req.originalUrl.slice(0, q),
      search: q < 0 ? '' : req.originalUrl.slice(q + 1),
      headers: headersOf(req),
      body,
      ...(tooLarge ? { bodyTooLarge: true } : {}),
    };
    const response = await options.pipeline(request);
    if (response.dropConnection) {
      req.socket.destroy();
      return;
    }
    // A connection that just carried megabytes for nothing is not kept for the next request: a
    // client reusing it could meet the server's idle timeout mid-upload (EPIPE instead of an answer).
    if (tooLarge) response.headers.Connection = 'close';
    // Encoded once, for its length and for Node to write as it is; with the length known, Node
    // sends headers and body in one write. (Headers copied: the journal and the idempotency
    // store keep the pipeline's as it answered.)
    const bytes = response.body === undefined ? undefined : Buffer.from(response.body);
    const headers =
      bytes === undefined
        ? response.headers
        : { ...response.headers, 'Content-Length': String(bytes.length) };
    res.writeHead(response.status, headers);
    res.end(bytes);
  };
  // Express matches routes case-insensitively, with or without a trailing slash, so the tests are prefixes.
  const startOf = (req: Request) => req.url.slice(0, PAGE_PREFIX_LENGTH).toLowerCase();
  const isPage = (start: string) => PAGE_PREFIXES.some((prefix) => start.startsWith(prefix));
  // A telephony API request goes to the pipeline from the router's first layer: no other
  // middleware and no page route is tried for it (the pipeline checks its Host itself).
  app.use((req: Request, res: Response, next: express.NextFunction) => {
    const start = startOf(req);
    // (A request-target in absolute form takes the long way, where Express finds its path.)
    const api = start.startsWith('/') && !start.startsWith(ADMIN_PATH) && !isPage(start);
    return api ? toPipeline(req, res) : next();
  });
  app.use(hostCheck(options.hostPolicy), sameOriginOnly());
  // An admin request, once its Host and origin are checked, goes to the pipeline: no page route is tried.
  app.use((req: Request, res: Response, next: express.NextFunction) =>
    isPage(startOf(req)) ? next() : toPipeline(req, res),
  );

  // swagger-ui is loaded and the reference page built on the first visit, not at start-up.
  let docs: Promise<express.Router> | undefined;
  app.use('/docs', (req: Request, res: Response, next: express.NextFunction) => {
    docs ??= import('swagger-ui-express').then(({ default: swaggerUi }) =>
      express
        .Router()
        .use(swaggerUi.serve, swaggerUi.setup(options.spec, { customSiteTitle: 'telemock — API reference' })),
    );
    docs.then((router) => router(req, res, next), next);
  });
  const yaml = (text: string) => (_req: Request, res: Response) => {
    res.type('application/yaml').send(text);
  };
  app.get('/openapi.yaml', yaml(options.specFiles.api));
  app.get('/__mock/openapi.yaml', yaml(options.specFiles.admin));
  const makeUi = options.uiAssets;
  if (makeUi) {
    // The page's files are read (and, from the sources, transpiled) on the first visit, not at start-up.
    let ui: UiAssets | Promise<UiAssets> | undefined;
    app.get(['/__mock/ui', '/__mock/ui/', '/__mock/ui/{*file}'], async (req, res, next) => {
      const file = req.path.replace(/^\/__mock\/ui\/?/, '') || 'index.html';
      ui ??= makeUi();
      const asset = (await ui)[file];
      if (!asset) return next();
      res.type(asset.contentType).send(asset.body);
    });
  }

  app.use(toPipeline);
  // Reached only if reading the request failed (the client went away mid-body) or a bug threw.
  app.use((error: Error, req: Request, res: Response, _next: express.NextFunction) => {
    if (res.headersSent || req.socket.destroyed) return void req.socket.destroy();
    const code = (error as { status?: number }).status === 400 ? 'bad_request' : 'internal_error';
    // The pipeline never saw this request: it has no id in the pipeline's sequence.
    const answer = problemResponse(problem(code, error.message, outOfSequenceRequestId()));
    res.writeHead(answer.status, answer.headers);
    res.end(answer.body);
  });
  return app;
}
