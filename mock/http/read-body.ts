import type { IncomingMessage } from 'node:http';

export type BodyRead = { body: Uint8Array | undefined; tooLarge: boolean };

/**
 * Reads a request body up to `limit` bytes. A body announced or found to be larger is not read
 * on: the caller answers 413 and closes the connection, so a huge upload costs nothing.
 */
export async function readBody(req: IncomingMessage, limit: number): Promise<BodyRead> {
  const length = req.headers['content-length'];
  if (length === undefined && req.headers['transfer-encoding'] === undefined)
    return { body: undefined, tooLarge: false };
  if (length !== undefined && Number(length) > limit) return { body: undefined, tooLarge: true };
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) return { body: undefined, tooLarge: true };
    chunks.push(chunk);
  }
  return { body: chunks.length === 1 ? chunks[0] : Buffer.concat(chunks), tooLarge: false };
}
