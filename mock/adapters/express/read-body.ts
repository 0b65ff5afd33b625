import type { IncomingMessage } from 'node:http';

export type BodyRead = { body: Uint8Array | undefined; tooLarge: boolean; drained: boolean };

// An oversized body up to this many times the limit is read and dropped, so the client — still
// uploading — can read the 413; past it the connection is closed instead of drained.
const DRAIN_FACTOR = 8;

/**
 * Reads a request body up to `limit` bytes. A larger body is not kept: it is drained (within
 * DRAIN_FACTOR × limit) so the 413 reaches a client that is still sending, and otherwise the
 * caller closes the connection, so a huge upload costs nothing.
 */
export function readBody(req: IncomingMessage, limit: number): Promise<BodyRead> {
  const length = req.headers['content-length'];
  if (length === undefined && req.headers['transfer-encoding'] === undefined) {
    return Promise.resolve({ body: undefined, tooLarge: false, drained: true });
  }
  const drainLimit = limit * DRAIN_FACTOR;
  if (length !== undefined && Number(length) > drainLimit)
    return Promise.resolve({ body: undefined, tooLarge: true, drained: false });
  // Events rather than `for await`: an async iterator costs a promise and a 'readable' round per
  // chunk, on every request; the outcomes are the same (see the cases below).
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
      if (size > drainLimit) {
        // Past draining: stop reading (as leaving a `for await` destroys the stream) and let the caller close.
        settle({ body: undefined, tooLarge: true, drained: false });
        req.destroy();
        return;
      }
      if (size <= limit) chunks.push(chunk);
    };
    const onEnd = () =>
      settle(
        size > limit
          ? { body: undefined, tooLarge: true, drained: true }
          : { body: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks), tooLarge: false, drained: true },
      );
    const onError = (error: Error) => settle(error);
    // Closed before its end: the client went away mid-body.
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
