/**
 * Whether two byte arrays are equal, looking at every byte whatever the first difference, so the
 * time taken does not tell how much of a guess was right (what node:crypto's timingSafeEqual does,
 * without node:crypto). Different lengths are unequal at once: callers compare fixed-size digests.
 */
export function constantTimeEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let difference = 0;
  for (let i = 0; i < a.length; i++) difference |= (a[i] as number) ^ (b[i] as number);
  return difference === 0;
}
