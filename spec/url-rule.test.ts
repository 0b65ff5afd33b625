import { describe, expect, it } from 'vitest';
import { parseHttpUrl } from './url-rule.js';

const table: Array<[string, { given: string; want: string | null }]> = [
  ['an https URL', { given: 'https://cdn.example.com/a.wav', want: null }],
  ['an http URL with a port', { given: 'http://127.0.0.1:3000/hooks', want: null }],
  ['an IPv6 host', { given: 'https://[::1]:8443/x', want: null }],
  ['no host', { given: 'https://', want: 'is not a URL a WHATWG parser accepts' }],
  ['only a query', { given: 'https://?', want: 'is not a URL a WHATWG parser accepts' }],
  ['only a fragment', { given: 'https://#', want: 'is not a URL a WHATWG parser accepts' }],
  [
    'an IPv4 out of range',
    { given: 'https://999.999.999.999/a.wav', want: 'is not a URL a WHATWG parser accepts' },
  ],
  ['a port over 65535', { given: 'https://a.example:99999/', want: 'is not a URL a WHATWG parser accepts' }],
  ['a space in the host', { given: 'https://exa mple.com/', want: 'is not an RFC 3986 URI' }],
  [
    'a user and password',
    { given: 'https://u:p@a.example/', want: 'must not carry a user name or password' },
  ],
  ['another scheme', { given: 'ftp://a.example/x', want: 'must be http or https, not ftp:' }],
  ['a relative reference', { given: '/a.wav', want: 'is not an RFC 3986 URI' }],
];

describe('parseHttpUrl: the one rule for URLs the mock calls, fetches or delivers to', () => {
  for (const [name, { given, want }] of table) {
    it(`${name}: ${given}`, () => {
      const parsed = parseHttpUrl(given);
      expect(parsed.ok ? null : parsed.reason).toBe(want);
      // What the rule accepts, `new URL` (and so `fetch`) accepts: nothing that passed can throw later.
      if (parsed.ok) expect(() => new URL(given)).not.toThrow();
    });
  }
});
