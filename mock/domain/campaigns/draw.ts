import { sha256 } from '../../lib/sha256.js';

/**
 * A number in [0, 1) drawn from the seed and what it is drawn for (`draw(7, 'mix', name, to)`):
 * the same parts always give the same number, on any transport and after a restart. SHA-256, so
 * that draws for neighbouring numbers (+14155550001, +14155550002) are as independent as a fair
 * draw's.
 */
export function draw(seed: number, ...parts: string[]): number {
  const digest = sha256(`${seed}\u0000${parts.join('\u0000')}`);
  const view = new DataView(digest.buffer, digest.byteOffset, digest.byteLength);
  // 53 bits: as fine as a double's fraction goes.
  return (view.getUint32(0) * 2 ** 21 + (view.getUint32(4) >>> 11)) / 2 ** 53;
}

/** The index of the weight a draw `u` in [0, 1) falls on, each taking its share of the total. */
export function pickByWeight(weights: readonly number[], u: number): number {
  const total = weights.reduce((sum, w) => sum + w, 0);
  let edge = 0;
  for (const [i, w] of weights.entries()) {
    edge += w;
    if (u * total < edge) return i;
  }
  return weights.length - 1;
}
