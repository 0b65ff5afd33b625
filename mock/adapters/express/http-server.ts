import { createServer, type RequestListener, type Server, STATUS_CODES } from 'node:http';
import type { Duplex } from 'node:stream';
import { PROBLEM_CONTENT_TYPE, type ProblemCode, problem } from '../../pipeline/problems.js';
import { outOfSequenceRequestId } from '../../pipeline/request-policy.js';

/** How long a client may take to send its headers, and its whole request (a 2 MiB body at ~70 KB/s). */
export const HTTP_TIMEOUTS = { headersMs: 10_000, requestMs: 30_000 } as const;

export interface HttpTimeouts {
  headersMs?: number;
  requestMs?: number;
}

// What Node's parser (or its timers) refused, as the mock's problem codes.
function classify(error: NodeJS.ErrnoException): { code: ProblemCode; detail: string } {
  switch (error.code) {
    case 'HPE_HEADER_OVERFLOW':
      return {
        code: 'request_headers_too_large',
        detail: 'The request line and headers are larger than 16 KiB.',
      };
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return { code: 'request_timeout', detail: 'The request was not received in time.' };
    case 'HPE_INVALID_METHOD':
      return { code: 'bad_request', detail: 'The request method is not one HTTP knows.' };
    default:
      return {
        code: 'bad_request',
        detail: `The request is not valid HTTP/1.1 (${error.code ?? error.message}).`,
      };
  }
}

/**
 * Answers what Node refuses before any handler runs (bad chunking, oversized headers or URL, an
 * unknown method, a request too slow) with problem+json like every other refusal, then closes.
 */
export function answerClientError(error: NodeJS.ErrnoException, socket: Duplex): void {
  if (error.code === 'ECONNRESET' || !socket.writable) {
    socket.destroy();
    return;
  }
  const { code, detail } = classify(error);
  const refusal = problem(code, detail, outOfSequenceRequestId());
  const body = JSON.stringify(refusal);
  const { status } = refusal;
  socket.end(
    `HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: ${PROBLEM_CONTENT_TYPE}\r\n` +
      `Content-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
  );
}

/**
 * The mock's HTTP server: headers within `headersMs` and the whole request within `requestMs`
 * (Node's defaults, 60 s and 300 s, let a slow upload hold a socket for minutes), checked every
 * second, and Node's own refusals answered as problem+json.
 */
export function createHttpServer(app: RequestListener, timeouts: HttpTimeouts = {}): Server {
  const server = createServer(
    {
      headersTimeout: timeouts.headersMs ?? HTTP_TIMEOUTS.headersMs,
      requestTimeout: timeouts.requestMs ?? HTTP_TIMEOUTS.requestMs,
      connectionsCheckingInterval: 1_000,
    },
    app,
  );
  server.on('clientError', answerClientError);
  return server;
}
