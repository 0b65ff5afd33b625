import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectSpecConformance, type MockApi, specValidators, startTestMock } from './support/mock-api.js';

// Three in a row: the first request to a cold operation can be slow enough for any upload to finish.
const UPLOADS = 3;

// The client in a process of its own, as an integrator's is: in the mock's own process the two
// share one event loop, and the upload would finish before the mock could close the socket on it.
const UPLOAD = `
const [url] = process.argv.slice(1);
const answers = [];
for (let i = 0; i < UPLOADS; i++) {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { authorization: 'Bearer demo-token', 'content-type': 'application/json' },
      body: Buffer.alloc(30 * 1024 * 1024, 'a'),
    });
    const text = await response.text();
    answers.push({ status: response.status, headers: Object.fromEntries(response.headers), text });
  } catch (error) {
    answers.push({ error: error.message + ': ' + (error.cause?.code ?? error.cause?.message) });
  }
}
console.log(JSON.stringify(answers));
`;

// What a client using Node's fetch sees when it uploads far more than x-max-body-bytes: fetch
// reads the answer only once it has sent the whole body, so the mock must read (and drop) all of it.
describe('a 30 MB body sent with fetch', () => {
  let api: MockApi;
  let callId: string;
  beforeAll(async () => {
    api = await startTestMock({ rateLimit: 0 });
    callId = (await api.call()).id;
  });
  afterAll(() => api.mock.close());

  it('gets the documented 413 problem+json, not a broken pipe, and the mock answers the next request', async () => {
    const path = `/calls/${callId}/respond`;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--input-type=module', '-e', `const UPLOADS = ${UPLOADS};${UPLOAD}`, `${api.mock.url}${path}`],
      { maxBuffer: 1 << 20 },
    );
    type Answer = { error?: string; status: number; headers: Record<string, string>; text: string };
    const answers = JSON.parse(stdout) as Answer[];
    expect(answers.map((a) => a.error ?? a.status)).toEqual(Array(UPLOADS).fill(413));
    for (const answer of answers) {
      const sent = { status: answer.status, headers: answer.headers, body: JSON.parse(answer.text) };
      expectSpecConformance(await specValidators(), 'POST', path, sent);
      expect([sent.headers['content-type'], sent.body.code]).toEqual([
        'application/problem+json',
        'payload_too_large',
      ]);
      expect(sent.body.detail).toMatch(/2097152 bytes/);
    }
    expect((await api.get(`/calls/${callId}`)).status).toBe(200);
  });
});
