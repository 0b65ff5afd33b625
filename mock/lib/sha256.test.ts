import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { sha256, toHex } from './sha256.js';

const cases: Array<[string, string | Uint8Array]> = [
  ['empty', ''],
  ['abc', 'abc'],
  ['55 bytes (padding fits one block)', 'a'.repeat(55)],
  ['56 bytes (padding spills into a second block)', 'a'.repeat(56)],
  ['64 bytes', 'b'.repeat(64)],
  ['multi-block', 'telemock '.repeat(200)],
  ['non-ASCII', 'Grüße, 電話 ☎'],
  ['raw bytes', Uint8Array.from({ length: 300 }, (_, i) => (i * 7) & 0xff)],
];

describe('sha256', () => {
  for (const [name, input] of cases) {
    it(`matches node:crypto: ${name}`, () => {
      expect(toHex(sha256(input))).toBe(createHash('sha256').update(input).digest('hex'));
    });
  }
});
