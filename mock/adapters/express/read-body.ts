import type { IncomingMessage } from 'node:http';

export type BodyRead = { body: Uint8Array | undefined; tooLarge: boolean };

/**
 * Reads a request body up to `limit` bytes. A larger body is not kept: the rest is read and
 * dropped to its end, so the 413 reaches a client that answers only once it has sent everything
 * (Node's `fetch` does: closing early gets it EPIPE, not the 413). Memory stays at `limit` whatever
 * the size; the server's request timeout (mock/http/http-server.ts) bounds how long draining lasts.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<BodyRead> {
  const length = req.headers['content-length'];
  if (length === undefined && req.headers['transfer-encoding'] === undefined) {
    return Promise.resolve({ body: undefined, tooLarge: false });
  }
  // Events rather than `for await`: an async iterator costs a promise and a 'readable' round per
  // chunk; the outcomes are the same (see the cases in read-body.test.ts).
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const settle = (outcome: BodyRead | Error) => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
      if (outcome instanceof Error) reject(outcome);
      else resolve(outcome);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
      else if (chunks.length > 0) chunks.length = 0;
    };
    const onEnd = () =>
      settle(
        size > limit
          ? { body: undefined, tooLarge: true }
          : { body: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks), tooLarge: false },
      );
    const onError = (error: Error) => settle(error);
    // Closed before its end: the client went away mid-body (or the request timeout ended it).
    const onClose = () =>
      settle(
        Object.assign(new Error('The request ended before its body did.'), {
          code: 'ERR_STREAM_PREMATURE_CLOSE',
        }),
      );
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
  });
}
