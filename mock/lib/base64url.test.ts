import { describe, expect, it } from 'vitest';
import { decodeBase64Url, encodeBase64Url } from './base64url.js';

// Cursors were made with Buffer before; old and new must read each other's.
const texts = ['', 'call_9Xk2LmQ7vB3nR8tP', 'a', 'ab', 'abc', 'Grüße ☎ 電話', 'with/slash+plus?'];

describe('base64url', () => {
  for (const text of texts) {
    it(`encodes and decodes ${JSON.stringify(text)} as Buffer does`, () => {
      const encoded = encodeBase64Url(text);
      expect(encoded).toBe(Buffer.from(text).toString('base64url'));
      expect(decodeBase64Url(encoded)).toBe(text);
    });
  }

  it('decodes what is not base64 to the empty string, which names nothing', () => {
    expect(decodeBase64Url('not base64!')).toBe('');
    expect(decodeBase64Url('a')).toBe('');
  });
});
