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
export async function readBody(req: IncomingMessage, limit: number): Promise<BodyRead> {
  const length = req.headers['content-length'];
  if (length === undefined && req.headers['transfer-encoding'] === undefined) {
    return { body: undefined, tooLarge: false, drained: true };
  }
  const drainLimit = limit * DRAIN_FACTOR;
  if (length !== undefined && Number(length) > drainLimit)
    return { body: undefined, tooLarge: true, drained: false };
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > drainLimit) return { body: undefined, tooLarge: true, drained: false };
    if (size <= limit) chunks.push(chunk);
  }
  if (size > limit) return { body: undefined, tooLarge: true, drained: true };
  return { body: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks), tooLarge: false, drained: true };
}
