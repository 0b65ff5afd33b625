/** The most of a receiver's answer that is read; the rest is dropped unread. */
export const MAX_ANSWER_BYTES = 64 * 1024;

/** What one HTTP attempt came to. `error` is null exactly when the receiver answered 2xx in time. */
export interface PostOutcome {
  statusCode: number | null;
  latencyMs: number;
  error: string | null;
  /** The receiver's answer as text, cut at MAX_ANSWER_BYTES. */
  answer: string;
  truncated: boolean;
}

// A streaming TextDecoder joins characters split across chunks, as decoding the concatenation would.
function decodeChunks(chunks: Uint8Array[]): string {
  const decoder = new TextDecoder();
  return chunks.map((chunk) => decoder.decode(chunk, { stream: true })).join('') + decoder.decode();
}

async function readCapped(response: Response): Promise<{ answer: string; truncated: boolean }> {
  if (!response.body) return { answer: '', truncated: false };
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    const room = MAX_ANSWER_BYTES - size;
    if (value.byteLength > room) {
      chunks.push(value.subarray(0, room));
      // Cancelling closes the connection; how that ends is of no interest once we have what we need.
      reader.cancel().catch(() => undefined);
      return { answer: decodeChunks(chunks), truncated: true };
    }
    chunks.push(value);
    size += value.byteLength;
  }
  return { answer: decodeChunks(chunks), truncated: false };
}

function describeFailure(error: unknown, timeout: AbortSignal, stop: AbortSignal, timeoutMs: number): string {
  if (stop.aborted) return 'canceled: the mock stopped or was reset';
  if (timeout.aborted) return `timeout: no complete answer within ${timeoutMs} ms`;
  const cause = (error as { cause?: { code?: string; message?: string } }).cause;
  if (cause?.code === 'ECONNREFUSED') return 'connection refused';
  if (cause?.code === 'ENOTFOUND') return 'host not found';
  if (cause?.code) return `${cause.code}: ${cause.message ?? 'network error'}`;
  return error instanceof Error ? error.message : String(error);
}

/**
 * POSTs one webhook attempt and reads at most 64 KB of the answer. Never throws: a refused
 * connection, a hang past `timeoutMs`, a reset or a non-2xx all come back as `error`.
 * Redirects are not followed, so a receiver cannot bounce the mock onto another target.
 */
export async function postWebhook(
  url: string,
  body: string,
  headers: Record<string, string>,
  options: { timeoutMs: number; stop: AbortSignal },
): Promise<PostOutcome> {
  const started = performance.now();
  const latency = () => Math.round((performance.now() - started) * 10) / 10;
  const timeout = AbortSignal.timeout(options.timeoutMs);
  let statusCode: number | null = null;
  try {
    const response = await fetch(url, {
      method: 'POST',
      body,
      headers,
      redirect: 'manual',
      signal: AbortSignal.any([timeout, options.stop]),
    });
    statusCode = response.status;
    const { answer, truncated } = await readCapped(response);
    const ok = statusCode >= 200 && statusCode < 300;
    return {
      statusCode,
      latencyMs: latency(),
      error: ok ? null : `the receiver answered ${statusCode}`,
      answer,
      truncated,
    };
  } catch (error) {
    return {
      statusCode,
      latencyMs: latency(),
      error: describeFailure(error, timeout, options.stop, options.timeoutMs),
      answer: '',
      truncated: false,
    };
  }
}
