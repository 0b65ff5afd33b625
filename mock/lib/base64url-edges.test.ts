import { describe, expect, it } from 'vitest';
import { decodeBase64Url, encodeBase64Url } from './base64url.js';

describe('base64url, the characters that differ from base64', () => {
  it.each([
    ['?>>', 'Pz4-'],
    ['???', 'Pz8_'],
    ['a', 'YQ'],
    ['ab', 'YWI'],
    ['<<?>>', 'PDw_Pj4'],
  ])('%j encodes to %s (url-safe, unpadded) and back', (text, encoded) => {
    expect(encodeBase64Url(text)).toBe(encoded);
    expect(decodeBase64Url(encoded)).toBe(text);
  });

  it.each([
    ['YQ==', 'a'],
    ['YWI=', 'ab'],
    ['Pz4+', '?>>'],
    ['Pz8/', '???'],
  ])('also reads the padded and the standard alphabet: %s → %j', (encoded, text) => {
    expect(decodeBase64Url(encoded)).toBe(text);
  });

  it('what is not UTF-8 decodes to replacement characters, never throws', () => {
    expect(decodeBase64Url('_w')).toBe('\uFFFD');
  });
});
