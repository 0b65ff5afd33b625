import { describe, expect, it } from 'vitest';
import { isOwnAdminUrl } from './own-admin-url.js';

const SELF = new URL('http://127.0.0.1:4010');

describe('isOwnAdminUrl', () => {
  const cases: Array<[string, { given: string; want: boolean }]> = [
    ['the admin API itself', { given: 'http://127.0.0.1:4010/__mock/reset', want: true }],
    ['through localhost', { given: 'http://localhost:4010/__mock/clock/advance', want: true }],
    ['through another loopback spelling', { given: 'http://127.1:4010/__mock/reset', want: true }],
    ['through IPv6 loopback', { given: 'http://[::1]:4010/__mock/reset', want: true }],
    ['percent-encoded', { given: 'http://127.0.0.1:4010/%5F%5Fmock/reset', want: true }],
    ['with doubled slashes', { given: 'http://127.0.0.1:4010//__mock/reset', want: true }],
    ['in upper case', { given: 'http://127.0.0.1:4010/__MOCK/reset', want: true }],
    ['the mock API, not admin', { given: 'http://127.0.0.1:4010/calls', want: false }],
    ['another port', { given: 'http://127.0.0.1:4011/__mock/reset', want: false }],
    ['another host', { given: 'http://example.com:4010/__mock/reset', want: false }],
  ];

  it.each(cases)('%s', (_name, { given, want }) => {
    expect(isOwnAdminUrl(new URL(given), SELF)).toBe(want);
  });

  it('treats every loopback name as the mock when it listens on all interfaces', () => {
    expect(isOwnAdminUrl(new URL('http://localhost:80/__mock'), new URL('http://0.0.0.0'))).toBe(true);
  });
});
