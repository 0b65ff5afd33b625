import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MockApi, specValidators, startTestMock } from './support/mock-api.js';
import { describeTransports } from './support/transports.js';

const json = { 'Content-Type': 'application/json' };

describeTransports('the HTTP layer answers like the rest', (start) => {
  let api: MockApi;
  beforeAll(async () => {
    api = await start({ rateLimit: 0 });
  });
  afterAll(() => api.mock.close());

  it('HEAD on a GET route answers as GET, without a body', async () => {
    const agentId = await api.agent();
    for (const path of ['/agents', `/agents/${agentId}`, '/agents/agt_0000000000000000']) {
      const get = await api.get(path);
      const head = await fetch(`${api.mock.url}${path}`, {
        method: 'HEAD',
        headers: { Authorization: 'Bearer demo-token' },
      });
      expect(head.status, path).toBe(get.status);
      expect(head.headers.get('content-type')).toBe(get.headers['content-type']);
      expect(head.headers.get('x-ratelimit-limit')).toBe(get.headers['x-ratelimit-limit']);
      expect(await head.text()).toBe('');
    }
  });

  const refusals: Array<[string, { headers: Record<string, string>; status: number; code: string }]> = [
    [
      'Content-Encoding: gzip',
      { headers: { ...json, 'Content-Encoding': 'gzip' }, status: 415, code: 'unsupported_media_type' },
    ],
    [
      'Content-Encoding: br',
      { headers: { ...json, 'Content-Encoding': 'br' }, status: 415, code: 'unsupported_media_type' },
    ],
    [
      'application/merge-patch+json',
      {
        headers: { 'Content-Type': 'application/merge-patch+json' },
        status: 415,
        code: 'unsupported_media_type',
      },
    ],
    [
      'application/json; charset=utf-8 and Content-Encoding: identity',
      {
        headers: { 'Content-Type': 'application/json; charset=utf-8', 'Content-Encoding': 'identity' },
        status: 201,
        code: '',
      },
    ],
    [
      'two Authorization headers (joined, as Fetch sends them)',
      {
        headers: { ...json, Authorization: 'Bearer demo-token, Bearer demo-token-other' },
        status: 400,
        code: 'several_authorizations',
      },
    ],
    [
      'Bearer followed by several spaces (RFC 6750 1*SP)',
      { headers: { ...json, Authorization: 'Bearer    demo-token' }, status: 201, code: '' },
    ],
    [
      'a lower-case scheme',
      { headers: { ...json, Authorization: 'bearer demo-token' }, status: 201, code: '' },
    ],
  ];
  for (const [name, { headers, status, code }] of refusals) {
    it(`POST /agents with ${name} → ${status} ${code}`, async () => {
      const sent = await api.request('POST', '/agents', { rawBody: '{"name":"Desk"}', headers });
      expect([sent.status, sent.body.code ?? '']).toEqual([status, code]);
    });
  }

  it('a body on an operation that takes none is 400 unexpected_body, whatever its size (never an undocumented 413)', async () => {
    const call = await api.call();
    for (const size of [10, 3 * 1024 * 1024]) {
      const sent = await api.request('PUT', `/calls/${call.id}/hangup`, {
        rawBody: `"${'a'.repeat(size)}"`,
        headers: json,
      });
      expect([sent.status, sent.body.code]).toEqual([400, 'unexpected_body']);
    }
  });

  it('an admin body over the limit is a documented 413, and a gzip one a 415', async () => {
    const big = await api.request('POST', '/__mock/clock/advance', {
      rawBody: `{"seconds":1,"x":"${'a'.repeat(2_100_000)}"}`,
      headers: json,
    });
    expect([big.status, big.body.code]).toEqual([413, 'payload_too_large']);
    expect(big.body.detail).toContain('2097152');
    const gzip = await api.request('POST', '/__mock/clock/advance', {
      rawBody: '{"seconds":1}',
      headers: { ...json, 'Content-Encoding': 'gzip' },
    });
    expect([gzip.status, gzip.body.code]).toEqual([415, 'unsupported_media_type']);
  });
});

/** Sends raw bytes to the server and resolves with everything it answers until it closes. */
function raw(port: number, bytes: string, holdMs = 0): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let answer = '';
    socket.on('data', (chunk) => {
      answer += chunk.toString('latin1');
    });
    socket.on('close', () => resolve(answer));
    socket.on('error', reject);
    socket.write(bytes);
    if (holdMs === 0) return;
    setTimeout(() => socket.destroy(), holdMs);
  });
}

function parse(answer: string) {
  const [head = '', body = ''] = answer.split('\r\n\r\n');
  const status = Number(head.split(' ')[1]);
  const type = /content-type: ([^\r]+)/i.exec(head)?.[1];
  return { status, type, body: body ? JSON.parse(body) : undefined };
}

describe('what Node refuses before the pipeline is problem+json too [express]', () => {
  let api: MockApi;
  beforeAll(async () => {
    api = await startTestMock({ httpTimeouts: { headersMs: 400, requestMs: 800 } });
  });
  afterAll(() => api.mock.close());

  const cases: Array<[string, string, number, string]> = [
    [
      'bad chunking',
      'POST /agents HTTP/1.1\r\nHost: 127.0.0.1\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n',
      400,
      'bad_request',
    ],
    [
      'headers over 16 KiB',
      `GET /calls HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`,
      431,
      'request_headers_too_large',
    ],
    [
      'a URL over 16 KiB',
      `GET /calls?${'a'.repeat(20_000)} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n`,
      431,
      'request_headers_too_large',
    ],
    ['an unknown method', 'FROB /calls HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n', 400, 'bad_request'],
    [
      'headers that never end (slow client)',
      'GET /calls HTTP/1.1\r\nHost: 127.0.0.1\r\n',
      408,
      'request_timeout',
    ],
    [
      'a body that never comes (slow upload)',
      'POST /agents HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\nAuthorization: Bearer demo-token\r\n\r\n{"na',
      408,
      'request_timeout',
    ],
  ];
  for (const [name, bytes, status, code] of cases) {
    it(`${name} → ${status} ${code}`, async () => {
      const answer = parse(await raw(api.mock.port, bytes, 5_000));
      expect([answer.status, answer.type, answer.body?.code]).toEqual([
        status,
        'application/problem+json',
        code,
      ]);
      const { api: validators } = await specValidators();
      expect(validators.validateSchema('Problem', answer.body)).toEqual([]);
      expect((await api.get('/calls')).status).toBe(200);
    });
  }

  it('two Authorization headers on the wire → 400 several_authorizations (Node keeps only the first)', async () => {
    const answer = await raw(
      api.mock.port,
      'GET /calls HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer demo-token\r\nAuthorization: Bearer demo-token-other\r\nConnection: close\r\n\r\n',
    );
    expect(answer.split('\r\n')[0]).toBe('HTTP/1.1 400 Bad Request');
    expect(answer).toContain('"code":"several_authorizations"');
    expect(answer.toLowerCase()).toContain('x-ratelimit-limit:');
  });
});
