import { describe, expect, it } from 'vitest';
import { HOST_VERDICTS_KEPT, hostChecker, isAllowedHost } from './request-policy.js';

const policy = { boundHost: '127.0.0.1', allowedHosts: ['mock.test'] };

describe('hostChecker', () => {
  it.each([
    ['127.0.0.1:4010', true],
    ['localhost', true],
    ['mock.test:4010', true],
    ['evil.example', false],
    ['user@127.0.0.1', false],
    [undefined, true],
  ])('judges %s as isAllowedHost does (%s), the first time and the next', (host, want) => {
    const allowed = hostChecker(policy);
    expect(isAllowedHost(host, policy)).toBe(want);
    expect([allowed(host), allowed(host)]).toEqual([want, want]);
  });

  it('keeps each checker to its own policy', () => {
    const strict = hostChecker({ boundHost: '127.0.0.1', allowedHosts: [] });
    const open = hostChecker(policy);
    expect([strict('mock.test'), open('mock.test')]).toEqual([false, true]);
  });

  it('still judges right once more Hosts were seen than it keeps', () => {
    const allowed = hostChecker(policy, 2);
    const hosts = ['evil.example', 'a.localhost', 'other.example', 'mock.test', 'evil.example', '10.0.0.1'];
    expect(hosts.map(allowed)).toEqual([false, true, false, true, false, true]);
    expect(HOST_VERDICTS_KEPT).toBeGreaterThan(1);
  });

  it('judges each Host once while it remembers it, and again once the memory restarted', () => {
    const judged: Array<string | undefined> = [];
    const allowed = hostChecker(policy, 2, (host, p) => {
      judged.push(host);
      return isAllowedHost(host, p);
    });
    for (const host of ['a.localhost', 'a.localhost', 'evil.example', 'a.localhost']) allowed(host);
    expect(judged).toEqual(['a.localhost', 'evil.example']);
    allowed('10.0.0.1'); // a third Host: the memory of two starts again with it
    allowed('10.0.0.1');
    allowed('a.localhost');
    expect(judged).toEqual(['a.localhost', 'evil.example', '10.0.0.1', 'a.localhost']);
  });
});
