import { request } from 'node:http';
import { expectSpecConformance, type Sent, specValidators } from './mock-api.js';

/**
 * A request with headers `fetch` will not send as given (Host, Origin, Sec-Fetch-Site), over
 * node:http to the mock at `base`. Every answer with a body is checked against the specs, like
 * MockApi's; a body-less answer (a CORS preflight, a 204) is returned as it came.
 */
export async function rawRequest(
  base: string,
  method: string,
  path: string,
  headers: Record<string, string> = {},
  body?: string,
): Promise<Sent> {
  const url = new URL(path, base);
  const answer = await new Promise<{ status: number; headers: Record<string, string>; text: string }>(
    (resolve, reject) => {
      const req = request(url, { method, headers }, (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          text += chunk;
        });
        res.on('end', () => {
          const flat: Record<string, string> = {};
          for (const [name, value] of Object.entries(res.headers))
            if (value !== undefined) flat[name] = Array.isArray(value) ? value.join(', ') : value;
          resolve({ status: res.statusCode ?? 0, headers: flat, text });
        });
      });
      req.on('error', reject);
      req.end(body);
    },
  );
  const isJson = /json/.test(answer.headers['content-type'] ?? '');
  const sent: Sent = {
    status: answer.status,
    headers: answer.headers,
    body: answer.text === '' ? undefined : isJson ? JSON.parse(answer.text) : answer.text,
    operationId: undefined,
  };
  if (sent.body !== undefined && isJson)
    sent.operationId = expectSpecConformance(await specValidators(), method, path, sent);
  return sent;
}
