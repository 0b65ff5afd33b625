/** One request the suite sent and what came back, as shown in reports. */
export interface Exchange {
  method: string;
  url: string;
  requestHeaders: Record<string, string>;
  requestBody?: string;
  /** 0 when no response arrived (network error, timeout). */
  status: number;
  responseHeaders: Record<string, string>;
  responseBody: string;
  /** The body parsed as JSON, when it was JSON. */
  json?: unknown;
}

const MAX_BODY_CHARS = 4000;

function clip(text: string): string {
  return text.length > MAX_BODY_CHARS ? `${text.slice(0, MAX_BODY_CHARS)}… (${text.length} chars)` : text;
}

// Reports get attached to tickets: never print a whole token.
function redact(name: string, value: string): string {
  if (name.toLowerCase() !== 'authorization') return value;
  const [scheme, token] = value.split(' ', 2);
  if (!token) return value.length > 6 ? `${value.slice(0, 3)}…` : value;
  return `${scheme} ${token.length > 8 ? `${token.slice(0, 4)}…${token.slice(-2)}` : '…'}`;
}

/** The exchange as HTTP-like text: request line, headers, body, then the response. */
export function formatExchange(exchange: Exchange): string {
  const lines = [`${exchange.method} ${exchange.url}`];
  for (const [name, value] of Object.entries(exchange.requestHeaders))
    lines.push(`${name}: ${redact(name, value)}`);
  if (exchange.requestBody !== undefined) lines.push('', clip(exchange.requestBody));
  lines.push('');
  if (exchange.status === 0) {
    lines.push(`(no response) ${exchange.responseBody}`);
    return lines.join('\n');
  }
  lines.push(`HTTP ${exchange.status}`);
  for (const [name, value] of Object.entries(exchange.responseHeaders)) lines.push(`${name}: ${value}`);
  if (exchange.responseBody !== '') lines.push('', clip(exchange.responseBody));
  return lines.join('\n');
}

/** True when a response is an RFC 9457 problem document by its content type. */
export const isProblemJson = (headers: Record<string, string>) =>
  /^application\/problem\+json\b/i.test(headers['content-type'] ?? '');
