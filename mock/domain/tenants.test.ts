import { describe, expect, it } from 'vitest';
import { DEFAULT_USERS, Tenants, type UserConfig } from './tenants.js';

describe('Tenants.authenticate with the default users', () => {
  const tenants = new Tenants();

  it.each([
    ['demo-token', { user: 'demo', access: 'full' }],
    ['demo-token-readonly', { user: 'demo', access: 'read' }],
    ['demo-token-other', { user: 'other', access: 'full' }],
    ['demo-token-suspended', { user: 'suspended', access: 'full' }],
  ] as const)('%s stands for its user and access', (token, want) => {
    const principal = tenants.authenticate(token);
    expect({ user: principal?.user.id, access: principal?.access }).toEqual(want);
  });

  it('the suspended account is marked suspended; the others are not', () => {
    const suspended = DEFAULT_USERS.filter((u) => u.suspended).map((u) => u.id);
    expect(suspended).toEqual(['suspended']);
    expect(tenants.authenticate('demo-token-suspended')?.user.suspended).toBe(true);
    expect(tenants.authenticate('demo-token')?.user.suspended).toBeFalsy();
  });

  it.each([
    ['an empty token', ''],
    ['an unknown token', 'not-a-token'],
    ['a prefix of a token', 'demo-tok'],
    ['a token with one more character', 'demo-token!'],
    ['a token with its last character changed', 'demo-tokem'],
    ['a token in another case', 'DEMO-TOKEN'],
    ['a token with spaces around it', ' demo-token '],
  ])('%s stands for nobody', (_name, token) => {
    expect(tenants.authenticate(token)).toBeUndefined();
  });
});

describe('Tenants from configuration', () => {
  const users: UserConfig[] = [
    {
      id: 'acme',
      number: '+14155550100',
      rateLimit: 5,
      tokens: [
        { token: 'acme-admin', access: 'full' },
        { token: 'acme-viewer', access: 'read' },
      ],
    },
    { id: 'globex', number: '+14155550101', tokens: [{ token: 'globex-key', access: 'full' }] },
  ];
  const tenants = new Tenants(users);

  it('every configured token finds its own user, with its settings', () => {
    const found = ['acme-admin', 'acme-viewer', 'globex-key'].map((token) => {
      const p = tenants.authenticate(token);
      return [p?.user.id, p?.access, p?.user.number, p?.user.rateLimit];
    });
    expect(found).toEqual([
      ['acme', 'full', '+14155550100', 5],
      ['acme', 'read', '+14155550100', 5],
      ['globex', 'full', '+14155550101', undefined],
    ]);
  });

  it('replaces the default users: their tokens are unknown', () => {
    expect(tenants.authenticate('demo-token')).toBeUndefined();
    expect(tenants.users.map((u) => u.id)).toEqual(['acme', 'globex']);
  });

  it('user(id) finds a configured user and nobody else', () => {
    expect(tenants.user('globex')?.number).toBe('+14155550101');
    expect(tenants.user('demo')).toBeUndefined();
    expect(new Tenants().user('other')?.number).toBe('+15005550101');
  });

  it('a user without tokens cannot be reached by any token', () => {
    const lonely = new Tenants([{ id: 'lonely', number: '+14155550102', tokens: [] }]);
    expect(lonely.user('lonely')?.id).toBe('lonely');
    expect(lonely.authenticate('')).toBeUndefined();
  });
});

describe('Tenants.authenticate, a token seen before', () => {
  it('finds the same principal again, and a near miss of it still stands for nobody', () => {
    const tenants = new Tenants();
    const first = tenants.authenticate('demo-token');
    expect(tenants.authenticate('demo-token')).toBe(first);
    for (const guess of ['demo-toke', 'demo-token ', 'demo-tokeN', ''])
      expect(tenants.authenticate(guess), guess).toBeUndefined();
    expect(tenants.authenticate('demo-token-readonly')?.access).toBe('read');
    expect(tenants.authenticate('demo-token')?.access).toBe('full');
  });

  it('an unknown token stays unknown however often it is tried', () => {
    const tenants = new Tenants();
    for (let i = 0; i < 3; i++) expect(tenants.authenticate('not-a-token')).toBeUndefined();
  });
});
