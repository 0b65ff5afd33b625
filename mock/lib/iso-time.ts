// The last few hundred instants asked for: under load many answers name the same milliseconds
// (a call's createdAt in every read of it, the journal's time of requests in the same ms), and
// toISOString() is the dearest step of building a view.
const MAX_KEPT = 256;
const kept = new Map<number, string>();

/** `new Date(ms).toISOString()`, remembered for the instants asked for most recently. */
export function isoAt(ms: number): string {
  let iso = kept.get(ms);
  if (iso === undefined) {
    iso = new Date(ms).toISOString();
    if (kept.size >= MAX_KEPT) kept.clear();
    kept.set(ms, iso);
  }
  return iso;
}
