import { describe, expect, it } from 'vitest';
import { pipelineClient } from '../../test/support/pipeline-client.js';
import { type HostPolicy, hostNameOf, hostRefusal, isAllowedHost } from './request-policy.js';

describe('hostNameOf: a Host header’s name as WHATWG URL normalises it', () => {
  it.each([
    ['a name and a port', 'Mock.Test:4010', 'mock.test'],
    ['a trailing dot (the same name to DNS)', 'mock.test.', 'mock.test'],
    ['IPv6 in brackets', '[::1]:4010', '[::1]'],
    ['IPv4 written oddly', '0x7f.1', '127.0.0.1'],
    ['a user name', 'user@mock.test', null],
    ['a password alone', ':secret@mock.test', null],
    ['a path', 'mock.test/admin', null],
    ['a query', 'mock.test?x=1', null],
    ['a fragment', 'mock.test#top', null],
    ['a space', 'mock test', null],
    ['a port out of range', 'mock.test:99999', null],
  ])('%s: %s → %s', (_name, host, want) => {
    expect(hostNameOf(host)).toBe(want);
  });
});

describe('isAllowedHost: the DNS-rebinding rule', () => {
  const loopback: HostPolicy = { boundHost: '127.0.0.1', allowedHosts: [] };
  it.each([
    ['no Host (MSW, in-process)', undefined, true],
    ['localhost', 'localhost:4010', true],
    ['localhost in capitals', 'LOCALHOST', true],
    ['a subdomain of localhost', 'app.localhost:5173', true],
    ['an IPv4 literal', '10.0.0.5:4010', true],
    ['an IPv4 literal of three-digit parts', '192.168.100.200', true],
    ['an IPv6 literal', '[2001:db8::1]:4010', true],
    ['a public name', 'evil.example', false],
    ['a name ending in localhost without the dot', 'evillocalhost', false],
    ['a name that starts with localhost', 'localhost.evil.example', false],
    ['a name that starts like an IPv4 literal', '1.2.3.4.evil.example', false],
    ['a Host that is no host', 'evil.example/x', false],
    ['an empty Host', '', false],
  ])('%s (%s) → %s', (_name, host, want) => {
    expect(isAllowedHost(host, loopback)).toBe(want);
  });

  it.each([
    ['the name the mock was bound to', { boundHost: 'mybox.lan', allowedHosts: [] }, 'MyBox.lan:4010', true],
    [
      'the bound IPv6 address, written without brackets',
      { boundHost: '::1', allowedHosts: [] },
      '[::1]',
      true,
    ],
    ['another name than the bound one', { boundHost: 'mybox.lan', allowedHosts: [] }, 'other.lan', false],
    [
      'bound to every address: a name still needs the flag',
      { boundHost: '0.0.0.0', allowedHosts: [] },
      'mybox.lan',
      false,
    ],
    ['an --allowed-host name', { boundHost: '0.0.0.0', allowedHosts: ['mock.test'] }, 'mock.test:4010', true],
    [
      'an --allowed-host name written with a trailing dot and capitals',
      { boundHost: '0.0.0.0', allowedHosts: ['Mock.Test.'] },
      'mock.test',
      true,
    ],
    [
      'a subdomain of a plain --allowed-host',
      { boundHost: '0.0.0.0', allowedHosts: ['mock.test'] },
      'api.mock.test',
      false,
    ],
    [
      'the second --allowed-host',
      { boundHost: '0.0.0.0', allowedHosts: ['a.test', 'b.test'] },
      'b.test',
      true,
    ],
    [
      '`.mock.test` allows the name itself',
      { boundHost: '0.0.0.0', allowedHosts: ['.mock.test'] },
      'mock.test',
      true,
    ],
    [
      '`.mock.test` allows its subdomains',
      { boundHost: '0.0.0.0', allowedHosts: ['.mock.test'] },
      'a.b.mock.test',
      true,
    ],
    [
      '`.mock.test` does not allow a name that only ends like it',
      { boundHost: '0.0.0.0', allowedHosts: ['.mock.test'] },
      'evilmock.test',
      false,
    ],
    [
      'an --allowed-host that is no host name allows nothing',
      { boundHost: '0.0.0.0', allowedHosts: ['.a/b'] },
      'x.null',
      false,
    ],
  ] as const)('%s → %s', (_name, policy, host, want) => {
    expect(isAllowedHost(host, policy)).toBe(want);
  });
});

describe('hostRefusal', () => {
  it.each([
    ['the name to allow, without its port', 'Evil.Example:4010', '--allowed-host evil.example.'],
    ['a Host that is no name, as given', 'evil example', '--allowed-host evil example.'],
  ])('names the flag and %s', (_name, host, flag) => {
    const detail = hostRefusal(host);
    expect(detail).toContain(`'${host}'`);
    expect(detail.endsWith(flag)).toBe(true);
  });
});

describe('the Host check through the pipeline', () => {
  it('a request for a Host not allowed is 403 host_not_allowed naming the flag, with the user’s rate-limit headers', async () => {
    const c = await pipelineClient({ hostPolicy: { boundHost: '127.0.0.1', allowedHosts: ['mock.test'] } });
    const refused = await c.get('/calls', { headers: { Host: 'rebound.example:4010' } });
    expect([refused.status, refused.body.code]).toEqual([403, 'host_not_allowed']);
    expect(refused.body.detail).toContain('--allowed-host rebound.example');
    expect(refused.headers['x-ratelimit-remaining']).toBe('99');
    for (const host of ['mock.test:4010', '127.0.0.1:4010', 'localhost'])
      expect((await c.get('/calls', { headers: { Host: host } })).status).toBe(200);
  });

  it('without a policy (MSW) every Host is answered', async () => {
    const c = await pipelineClient();
    expect((await c.get('/calls', { headers: { Host: 'rebound.example' } })).status).toBe(200);
  });
});
