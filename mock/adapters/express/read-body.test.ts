import { createServer, type IncomingMessage, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type BodyRead, readBody } from './read-body.js';

const LIMIT = 1024;

// A real server: each request's readBody outcome (or its error) is handed to the test that sent it.
let server: Server;
let port: number;
const outcomes: Array<(outcome: BodyRead | Error) => void> = [];
const nextOutcome = () => new Promise<BodyRead | Error>((resolve) => outcomes.push(resolve));

beforeAll(async () => {
  server = createServer((req: IncomingMessage, res) => {
    const report = outcomes.shift();
    readBody(req, LIMIT).then(
      (read) => {
        report?.(read);
        res.writeHead(read.tooLarge ? 413 : 200).end();
      },
      (error: Error) => {
        report?.(error);
        req.socket.destroy();
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

// Sends `parts` as the body (chunked unless a Content-Length is given), then the response's status, if any.
function send(parts: Buffer[], headers: Record<string, string> = {}, abortAfter?: number) {
  return new Promise<number | 'reset'>((resolve) => {
    const req = request({ port, host: '127.0.0.1', method: 'POST', path: '/', headers }, (res) => {
      res.resume();
      res.on('end', () => resolve(res.statusCode ?? 0));
    });
    req.on('error', () => resolve('reset'));
    parts.forEach((part, i) => {
      req.write(part);
      if (abortAfter === i) setTimeout(() => req.destroy(), 50);
    });
    if (abortAfter === undefined) req.end();
  });
}

describe('readBody', () => {
  it('reads a body sent in pieces, whole', async () => {
    const outcome = nextOutcome();
    const status = await send([Buffer.from('{"a":'), Buffer.from('1}')]);
    const read = (await outcome) as BodyRead;
    expect(status).toBe(200);
    expect(Buffer.from(read.body ?? []).toString()).toBe('{"a":1}');
    expect(read).toMatchObject({ tooLarge: false });
  });

  it('has no body when there is neither Content-Length nor Transfer-Encoding', async () => {
    const outcome = nextOutcome();
    await new Promise<void>((resolve) => {
      request({ port, host: '127.0.0.1', method: 'GET', path: '/' }, (res) =>
        res.resume().on('end', resolve),
      ).end();
    });
    expect(await outcome).toEqual({ body: undefined, tooLarge: false });
  });

  it('keeps nothing of a body over the limit but reads it to its end, so the 413 arrives', async () => {
    const outcome = nextOutcome();
    const status = await send([Buffer.alloc(LIMIT), Buffer.alloc(LIMIT)]);
    expect(await outcome).toEqual({ body: undefined, tooLarge: true });
    expect(status).toBe(413);
  });

  it('reads a body of many times the limit to its end and answers 413, announced or streamed', async () => {
    const announced = nextOutcome();
    const parts = Array.from({ length: 64 }, () => Buffer.alloc(LIMIT));
    const length = String(LIMIT * 64);
    expect(await send(parts, { 'Content-Length': length })).toBe(413);
    expect(await announced).toEqual({ body: undefined, tooLarge: true });
    const streamed = nextOutcome();
    expect(await send(parts)).toBe(413);
    expect(await streamed).toEqual({ body: undefined, tooLarge: true });
  });

  it('fails, rather than waiting for ever, when the client goes away mid-body', async () => {
    const outcome = nextOutcome();
    await send([Buffer.from('{"half":')], { 'Content-Length': '100' }, 0);
    const error = await outcome;
    expect(error).toBeInstanceOf(Error);
  });
});
