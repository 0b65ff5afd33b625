import type { Exchange } from '../../../contracts/exchange.js';

/** An exchange for the judgements' unit tests: a status, response headers and a JSON body. */
export function exchangeOf(status: number, headers: Record<string, string> = {}, json?: unknown): Exchange {
  return {
    method: 'GET',
    url: 'http://target/v1/things',
    requestHeaders: {},
    status,
    responseHeaders: headers,
    responseBody: json === undefined ? '' : JSON.stringify(json),
    ...(json === undefined ? {} : { json }),
  };
}
