import createClient, { type Client } from 'openapi-fetch';
import type { paths } from '../spec/generated/api.js';

export interface ClientOptions {
  /** Where the API is, e.g. `http://127.0.0.1:4010`. */
  baseUrl: string;
  /** The Bearer token; omit it to send unauthenticated requests. */
  token?: string;
  /** A fetch to use instead of the global one (MSW, undici with a custom agent…). */
  fetch?: typeof fetch;
  headers?: Record<string, string>;
}

/** A typed client for the telephony API: `const { data, error, response } = await client.GET('/calls/{callId}', …)`. */
export type TelephonyClient = Client<paths>;

/** Creates a typed client over openapi.yaml, built on openapi-fetch. */
export function createTelephonyClient(options: ClientOptions): TelephonyClient {
  return createClient<paths>({
    baseUrl: options.baseUrl,
    headers: { ...(options.token ? { Authorization: `Bearer ${options.token}` } : {}), ...options.headers },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
}
