import { describe, expect, it } from 'vitest';
import { WebhookTargetRule } from './webhook-target.js';

// A resolver standing in for DNS and /etc/hosts.
const HOSTS: Record<string, string[]> = {
  'mock.internal': ['127.0.0.1'],
  'mock6.internal': ['::1'],
  'mapped.internal': ['::ffff:127.0.0.1'],
  'lan.internal': ['192.168.1.20'],
  'elsewhere.example': ['203.0.113.7'],
};
const resolve = async (name: string) => {
  const found = HOSTS[name];
  if (!found) throw new Error(`ENOTFOUND ${name}`);
  return found;
};

describe('WebhookTargetRule', () => {
  const onLoopback = new WebhookTargetRule({ self: () => new URL('http://127.0.0.1:4010'), resolve });
  const onAll = new WebhookTargetRule({
    self: () => new URL('http://0.0.0.0:4010'),
    resolve,
    localAddresses: () => ['127.0.0.1', '192.168.1.20', 'fe80::1'],
  });
  const L = onLoopback;
  const A = onAll;
  const cases: Array<[string, WebhookTargetRule, string, 'own' | 'scheme' | null]> = [
    ['the admin API by address', L, 'http://127.0.0.1:4010/__mock/reset', 'own'],
    ['a name resolving to the mock (/etc/hosts)', L, 'http://mock.internal:4010/__mock/reset', 'own'],
    ['a name resolving to IPv6 loopback', L, 'http://mock6.internal:4010/__MOCK/state', 'own'],
    ['a name resolving to an IPv4-mapped loopback', L, 'http://mapped.internal:4010/__mock', 'own'],
    ['the same name on another port (a local receiver)', L, 'http://mock.internal:3000/__mock/reset', null],
    ['the same name, the telephony API', L, 'http://mock.internal:4010/calls', null],
    ['a name resolving elsewhere', L, 'http://elsewhere.example:4010/__mock/reset', null],
    ['a name that does not resolve', L, 'http://nowhere.invalid:4010/__mock/reset', null],
    ['bound to all: a LAN address of this machine', A, 'http://192.168.1.20:4010/__mock/reset', 'own'],
    ['bound to all: a name for a LAN address', A, 'http://lan.internal:4010/__mock/reset', 'own'],
    ['bound to all: another machine', A, 'http://elsewhere.example:4010/__mock/reset', null],
    ['not http(s)', L, 'ftp://elsewhere.example/hook', 'scheme'],
  ];
  const reasons = {
    own: "refused: the target is the mock's own admin API",
    scheme: 'refused: only http and https URLs receive webhooks, not ftp:',
  };
  it.each(cases)('%s', async (_name, rule, given, want) => {
    expect(await rule.refuse(given)).toBe(want === null ? null : reasons[want]);
  });

  it('refuses nothing but other schemes when no mock listens (MSW)', async () => {
    expect(await new WebhookTargetRule({ resolve }).refuse('http://127.0.0.1:4010/__mock/reset')).toBeNull();
  });

  it('judges a name as written when the lookup is slower than the timeout', async () => {
    const slow = new WebhookTargetRule({
      self: () => new URL('http://127.0.0.1:4010'),
      resolve: () => new Promise(() => {}),
      resolveTimeoutMs: 20,
    });
    expect(await slow.refuse('http://mock.internal:4010/__mock/reset')).toBeNull();
  });
});
