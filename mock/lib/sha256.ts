import { hash } from 'fast-sha256';

const encoder = new TextEncoder();
const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, '0'));

/**
 * SHA-256 of bytes (or of a string's UTF-8), synchronously and without node:crypto, so the domain
 * runs unchanged in a browser (Web Crypto's digest is async only). fast-sha256 is pure JavaScript.
 */
export function sha256(data: Uint8Array | string): Uint8Array {
  return hash(typeof data === 'string' ? encoder.encode(data) : data);
}

/** Lower-case hex of bytes. */
export function toHex(bytes: Uint8Array): string {
  let out = '';
  for (const b of bytes) out += HEX[b];
  return out;
}
