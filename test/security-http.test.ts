import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveOptions } from '../mock/cli.js';
import { type MockApi, startTestMock } from './support/mock-api.js';
import { rawRequest } from './support/raw-request.js';

const EVIL = 'https://evil.example';
const auth = { Authorization: 'Bearer demo-token' };
const corsHeadersOf = (headers: Record<string, string>) =>
  Object.keys(headers).filter((name) => name.startsWith('access-control-'));

describe('the admin API and the inspector answer their own origin only', () => {
  let api: MockApi;
  let own: string;
  beforeAll(async () => {
    api = await startTestMock();
    own = api.mock.url;
  });
  afterAll(() => api.mock.close());

  const cases: Array<
    [string, { method: string; path: string; headers: Record<string, string>; want: number }]
  > = [
    [
      'a read from another origin',
      { method: 'GET', path: '/__mock/state', headers: { Origin: EVIL }, want: 403 },
    ],
    [
      'a read from an opaque origin',
      { method: 'GET', path: '/__mock/users', headers: { Origin: 'null' }, want: 403 },
    ],
    [
      'the journal from another origin',
      { method: 'GET', path: '/__mock/journal', headers: { Origin: EVIL }, want: 403 },
    ],
    [
      'a preflight from another origin',
      {
        method: 'OPTIONS',
        path: '/__mock/state',
        headers: { Origin: EVIL, 'Access-Control-Request-Method': 'PUT' },
        want: 403,
      },
    ],
    [
      'a reset from another origin',
      { method: 'POST', path: '/__mock/reset', headers: { Origin: EVIL }, want: 403 },
    ],
    [
      'a cross-site reset without Origin',
      { method: 'POST', path: '/__mock/reset', headers: { 'Sec-Fetch-Site': 'cross-site' }, want: 403 },
    ],
    [
      'a text/plain reset (no preflight needed)',
      { method: 'POST', path: '/__mock/reset', headers: { 'Content-Type': 'text/plain' }, want: 415 },
    ],
    [
      'a form post to the clock',
      {
        method: 'POST',
        path: '/__mock/clock/advance',
        headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
        want: 415,
      },
    ],
    [
      'the inspector page from another origin',
      { method: 'GET', path: '/__mock/ui', headers: { Origin: EVIL }, want: 403 },
    ],
    ['a read without Origin (curl, tests)', { method: 'GET', path: '/__mock/state', headers: {}, want: 200 }],
    [
      'a navigation from a link on another site',
      { method: 'GET', path: '/__mock/ui', headers: { 'Sec-Fetch-Site': 'cross-site' }, want: 200 },
    ],
    [
      'a reset without a body or Content-Type',
      { method: 'POST', path: '/__mock/reset', headers: {}, want: 204 },
    ],
  ];
  it.each(cases)('%s', async (_name, { method, path, headers, want }) => {
    const sent = await rawRequest(own, method, path, headers);
    expect(sent.status).toBe(want);
    expect(corsHeadersOf(sent.headers)).toEqual([]);
    if (want === 403) expect(sent.body.code).toBe('cross_origin_refused');
  });

  it('answers its own origin (the inspector’s requests)', async () => {
    const read = await rawRequest(own, 'GET', '/__mock/clock', { Origin: own });
    expect(read.status).toBe(200);
    // Behind a TLS proxy that keeps the Host, the page's origin is https.
    const proxied = await rawRequest(own, 'GET', '/__mock/clock', { Origin: own.replace('http:', 'https:') });
    expect(proxied.status).toBe(200);
    const change = await rawRequest(
      own,
      'POST',
      '/__mock/clock/advance',
      { Origin: own, 'Content-Type': 'application/json', 'Sec-Fetch-Site': 'same-origin' },
      '{"seconds":1}',
    );
    expect(change.status).toBe(200);
    expect(corsHeadersOf(change.headers)).toEqual([]);
  });

  it('leaves the state alone when a cross-origin reset is refused', async () => {
    const call = await api.call();
    await rawRequest(own, 'POST', '/__mock/reset', { Origin: EVIL });
    await rawRequest(own, 'POST', '/__mock/reset', { 'Content-Type': 'text/plain' }, 'reset');
    expect((await api.get(`/calls/${call.id}`)).status).toBe(200);
  });
});

describe('the Host check (DNS rebinding)', () => {
  let api: MockApi;
  let port: number;
  beforeAll(async () => {
    api = await startTestMock({ allowedHosts: ['mock.test', '.dev.test'] });
    port = api.mock.port;
  });
  afterAll(() => api.mock.close());

  const hosts: Array<[string, { host: string; want: number }]> = [
    ['127.0.0.1', { host: '127.0.0.1', want: 200 }],
    ['localhost', { host: 'localhost', want: 200 }],
    ['a .localhost name', { host: 'app.localhost', want: 200 }],
    ['IPv6 loopback', { host: '[::1]', want: 200 }],
    ['another IP literal (never a rebound name)', { host: '192.168.1.20', want: 200 }],
    ['an --allowed-host name', { host: 'mock.test', want: 200 }],
    ['a subdomain of an --allowed-host .name', { host: 'api.dev.test', want: 200 }],
    ['a rebound name', { host: 'evil.example', want: 403 }],
    ['a name that only ends like an allowed one', { host: 'evilmock.test', want: 403 }],
    ['localhost as a subdomain of another name', { host: 'localhost.evil.example', want: 403 }],
  ];
  it.each(hosts)('admin API, %s', async (_name, { host, want }) => {
    const sent = await rawRequest(api.mock.url, 'GET', '/__mock/clock', { Host: `${host}:${port}` });
    expect(sent.status).toBe(want);
    if (want === 403) {
      expect(sent.body.code).toBe('host_not_allowed');
      expect(sent.body.detail).toContain(`--allowed-host ${host}`);
    }
  });

  it('refuses the telephony API, the reference, the specs and the inspector on a rebound name', async () => {
    const Host = `evil.example:${port}`;
    const call = await rawRequest(api.mock.url, 'GET', '/calls', { Host, ...auth });
    expect(call.status).toBe(403);
    expect(call.body.code).toBe('host_not_allowed');
    for (const path of ['/docs/', '/openapi.yaml', '/__mock/openapi.yaml', '/__mock/ui']) {
      const sent = await rawRequest(api.mock.url, 'GET', path, { Host });
      expect([path, sent.status, sent.body?.code]).toEqual([path, 403, 'host_not_allowed']);
    }
    expect((await rawRequest(api.mock.url, 'GET', '/calls', { ...auth })).status).toBe(200);
  });

  it('answers the host it was bound to', async () => {
    const named = await startTestMock({ host: 'localhost' });
    try {
      const sent = await rawRequest(named.mock.url, 'GET', '/__mock/clock', {
        Host: `localhost:${named.mock.port}`,
      });
      expect(sent.status).toBe(200);
    } finally {
      await named.mock.close();
    }
  });
});

describe('CORS of the telephony API', () => {
  let api: MockApi;
  beforeAll(async () => {
    api = await startTestMock();
  });
  afterAll(() => api.mock.close());

  const origins: Array<[string, { origin: string; allowed: boolean }]> = [
    ['a Vite dev server on localhost', { origin: 'http://localhost:5173', allowed: true }],
    ['127.0.0.1 on any port', { origin: 'http://127.0.0.1:8080', allowed: true }],
    ['IPv6 loopback over https', { origin: 'https://[::1]:3000', allowed: true }],
    ['a .localhost name', { origin: 'http://app.localhost:3000', allowed: true }],
    ['another site', { origin: EVIL, allowed: false }],
    ['a name that starts like localhost', { origin: 'http://localhost.evil.example', allowed: false }],
  ];
  it.each(origins)('by default, %s', async (_name, { origin, allowed }) => {
    const sent = await rawRequest(api.mock.url, 'GET', '/calls', { Origin: origin, ...auth });
    expect(sent.status).toBe(200);
    expect(sent.headers['access-control-allow-origin']).toBe(allowed ? origin : undefined);
    expect(sent.headers.vary).toContain('Origin');
    const pre = await rawRequest(api.mock.url, 'OPTIONS', '/calls', {
      Origin: origin,
      'Access-Control-Request-Method': 'POST',
      'Access-Control-Request-Headers': 'authorization, content-type, idempotency-key',
    });
    expect(pre.status).toBe(allowed ? 204 : 403);
    expect(pre.headers['access-control-allow-origin']).toBe(allowed ? origin : undefined);
    if (allowed) {
      expect(pre.headers['access-control-allow-methods']).toContain('POST');
      expect(pre.headers['access-control-allow-headers']).toContain('Authorization');
    } else expect(pre.body.code).toBe('origin_not_allowed');
  });

  it('refuses a preflight for headers or methods the API does not take, and never allows X-Admin-Token', async () => {
    const ask = (extra: Record<string, string>) =>
      rawRequest(api.mock.url, 'OPTIONS', '/calls', { Origin: 'http://localhost:5173', ...extra });
    const admin = await ask({
      'Access-Control-Request-Method': 'POST',
      'Access-Control-Request-Headers': 'x-admin-token',
    });
    expect(admin.status).toBe(403);
    const method = await ask({ 'Access-Control-Request-Method': 'DELETE' });
    expect(method.status).toBe(403);
  });

  it('exposes the rate-limit and request-id headers to allowed pages', async () => {
    const sent = await rawRequest(api.mock.url, 'GET', '/calls', {
      Origin: 'http://localhost:5173',
      ...auth,
    });
    expect(sent.headers['access-control-expose-headers']).toContain('X-RateLimit-Remaining');
    expect(sent.headers['access-control-expose-headers']).toContain('X-Request-Id');
  });

  it('--cors-origin widens it to the origins named, or to every origin with *', async () => {
    const listed = await startTestMock({ corsOrigins: ['https://app.example.com'] });
    const any = await startTestMock({ corsOrigins: '*' });
    try {
      const ok = await rawRequest(listed.mock.url, 'GET', '/calls', {
        Origin: 'https://app.example.com',
        ...auth,
      });
      expect(ok.headers['access-control-allow-origin']).toBe('https://app.example.com');
      const still = await rawRequest(listed.mock.url, 'GET', '/calls', {
        Origin: 'http://localhost:3000',
        ...auth,
      });
      expect(still.headers['access-control-allow-origin']).toBe('http://localhost:3000');
      const other = await rawRequest(listed.mock.url, 'GET', '/calls', { Origin: EVIL, ...auth });
      expect(other.headers['access-control-allow-origin']).toBeUndefined();
      const star = await rawRequest(any.mock.url, 'GET', '/calls', { Origin: EVIL, ...auth });
      expect(star.headers['access-control-allow-origin']).toBe('*');
      // The admin API stays same-origin whatever --cors-origin says.
      const admin = await rawRequest(any.mock.url, 'GET', '/__mock/state', { Origin: EVIL });
      expect(admin.status).toBe(403);
    } finally {
      await Promise.all([listed.mock.close(), any.mock.close()]);
    }
  });
});

describe('flags', () => {
  const silent = ['--log-level', 'silent'];
  it('--allowed-host repeats and adds to the config file’s; --cors-origin takes a list or *', async () => {
    const options = await serveOptions(
      [
        '--allowed-host',
        'a.test',
        '--allowed-host',
        '.b.test',
        '--cors-origin',
        'https://x.test, http://y.test:8080',
        ...silent,
      ],
      {},
    );
    expect(options).toMatchObject({
      allowedHosts: ['a.test', '.b.test'],
      corsOrigins: ['https://x.test', 'http://y.test:8080'],
    });
    expect(await serveOptions(['--cors-origin', '*', ...silent], {})).toMatchObject({ corsOrigins: '*' });
    await expect(serveOptions(['--cors-origin', 'https://x.test/app', ...silent], {})).rejects.toThrow(
      /origins like/,
    );
  });
});
