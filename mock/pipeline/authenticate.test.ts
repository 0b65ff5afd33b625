import { describe, expect, it } from 'vitest';
import { Tenants } from '../domain/tenants.js';
import { authenticate, challenge, firstOfSeveral } from './authenticate.js';

const tenants = new Tenants();

describe('authenticate', () => {
  const cases: Array<[string, string | undefined, string]> = [
    ['no header', undefined, 'unauthorized'],
    ['an empty header', '', 'unauthorized'],
    ['a known token', 'Bearer demo-token', 'demo:full'],
    ['the scheme in any case', 'bearer demo-token-readonly', 'demo:read'],
    ['the scheme in capitals', 'BEARER demo-token-other', 'other:full'],
    ['an unknown token', 'Bearer nobody', 'invalid_token'],
    ['another scheme', 'Basic ZGVtbzpkZW1v', 'malformed_authorization'],
    ['the scheme alone', 'Bearer', 'malformed_authorization'],
    ['the scheme and a space', 'Bearer ', 'malformed_authorization'],
    ['a token alone', 'demo-token', 'malformed_authorization'],
    ['several spaces after the scheme (RFC 6750 1*SP)', 'Bearer    demo-token', 'demo:full'],
    ['a space inside the token', 'Bearer demo token', 'malformed_authorization'],
    ['a trailing space', 'Bearer demo-token ', 'malformed_authorization'],
    ['text before the scheme', 'x Bearer demo-token', 'malformed_authorization'],
    ['a character outside visible ASCII', 'Bearer demo-tokén', 'malformed_authorization'],
    ['a control character', 'Bearer demo\u0001token', 'malformed_authorization'],
    ['visible ASCII at both ends of the range', 'Bearer !~', 'invalid_token'],
  ];
  it.each(cases)('%s → %s', (_name, header, want) => {
    const result = authenticate(header, tenants);
    const got = result.ok ? `${result.principal.user.id}:${result.principal.access}` : result.code;
    expect(got).toBe(want);
    if (!result.ok) expect(result.detail.length).toBeGreaterThan(0);
  });
});

describe('challenge', () => {
  it.each([
    ['unauthorized', 'Bearer realm="telemock"'],
    ['malformed_authorization', 'Bearer realm="telemock", error="invalid_token"'],
    ['invalid_token', 'Bearer realm="telemock", error="invalid_token"'],
  ] as const)('%s → %s (RFC 6750 §3: no error code when no credentials were sent)', (code, want) => {
    expect(challenge(code)).toBe(want);
  });
});

describe('firstOfSeveral', () => {
  it.each([
    ['no header', undefined, undefined],
    ['one credential', 'Bearer demo-token', undefined],
    ['one credential after several spaces', 'Bearer    demo-token', undefined],
    ['two headers, joined by ", "', 'Bearer demo-token, Bearer demo-token-other', 'Bearer demo-token'],
    ['two headers of different schemes', 'Bearer demo-token, Basic ZGVtbzpkZW1v', 'Bearer demo-token'],
    ['two headers joined without a space', 'Bearer demo-token,Bearer demo-token-other', 'Bearer demo-token'],
  ] as const)('%s → %j', (_name, header, want) => {
    expect(firstOfSeveral(header)).toBe(want);
  });
});
