import { describe, expect, it } from 'vitest';
import { redactBody, redactHeaders, secretHint } from './redact-secrets.js';

describe('secretHint', () => {
  const cases: Array<[string, { given: string; want: string }]> = [
    ['a long token keeps four characters', { given: 'acme-ci-token-0042', want: '…0042' }],
    ['a ten-character token keeps two', { given: 'demo-token', want: '…en' }],
    ['a short one keeps none', { given: 'abc', want: '…' }],
  ];
  it.each(cases)('%s', (_name, { given, want }) => expect(secretHint(given)).toBe(want));
});

describe('redactHeaders', () => {
  const cases: Array<[string, { given: Record<string, string>; want: Record<string, string> }]> = [
    [
      'Authorization keeps the scheme',
      { given: { authorization: 'Bearer acme-ci-token-0042' }, want: { authorization: 'Bearer …0042' } },
    ],
    [
      'Proxy-Authorization',
      {
        given: { 'proxy-authorization': 'Basic ZGVtbzpzZWNyZXQ=' },
        want: { 'proxy-authorization': 'Basic …ZXQ=' },
      },
    ],
    ['X-Api-Key', { given: { 'x-api-key': 'key-1234567890abcd' }, want: { 'x-api-key': '…abcd' } }],
    ['X-Admin-Token', { given: { 'x-admin-token': 'letmein-0042' }, want: { 'x-admin-token': '…042' } }],
    [
      'each cookie',
      { given: { cookie: 'sid=s3cr3t-session-id; theme=dark' }, want: { cookie: 'sid=…n-id; theme=…k' } },
    ],
    [
      'a cookie without a name, and one without a value, all hidden',
      { given: { cookie: '=abcdefgh; abc; id=abc' }, want: { cookie: '=…gh; …; id=…' } },
    ],
    [
      'a cookie value without the spaces around it',
      { given: { cookie: 'sid=abcdefgh ; theme=dark' }, want: { cookie: 'sid=…gh; theme=…k' } },
    ],
    // Only the Authorization headers have a scheme; any other credential is hidden whole.
    [
      'X-Api-Key that looks like a scheme',
      { given: { 'x-api-key': 'Token abcdefgh' }, want: { 'x-api-key': '…fgh' } },
    ],
    [
      'other headers as they are',
      { given: { 'content-type': 'application/json' }, want: { 'content-type': 'application/json' } },
    ],
  ];
  it.each(cases)('%s', (_name, { given, want }) => expect(redactHeaders(given)).toEqual(want));

  it('a header with no value is left out, credential or not', () => {
    const shown = redactHeaders({
      authorization: undefined,
      'x-trace': undefined,
      accept: 'application/json',
    });
    expect(Object.keys(shown)).toEqual(['accept']);
  });
});

describe('redactBody', () => {
  it('hides secret-looking keys, webhook secrets, bearer tokens and credentials in URLs, anywhere', () => {
    const body = {
      url: 'https://app.example.com/hooks/sms?token=hook-token-123456&x=1',
      secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
      nested: [
        { apiKey: 'k-0000000000000000' },
        { note: 'use whsec_AAAABBBBCCCCDDDD or Bearer tok-abcdefgh1234' },
      ],
      count: 3,
    };
    const shown = redactBody(body);
    expect(shown).toEqual({
      url: 'https://app.example.com/hooks/sms?token=***3456&x=1',
      secret: 'whsec_…LaSw',
      nested: [{ apiKey: '…0000' }, { note: 'use whsec_…DDDD or Bearer …1234' }],
      count: 3,
    });
    expect(body.secret).toMatch(/^whsec_MfKQ/);
  });

  it('a short webhook secret keeps at most a quarter of what follows whsec_', () => {
    expect(redactBody({ note: 'whsec_abcd' })).toEqual({ note: 'whsec_…d' });
  });

  it('redacts a body kept as text', () => {
    expect(redactBody('secret=whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw')).toBe('secret=whsec_…LaSw');
  });
});
