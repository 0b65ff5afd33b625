/** One way an exchange through the proxy broke the contract. */
export interface Violation {
  /** `request` when the client broke the contract, `response` when the upstream did. */
  side: 'request' | 'response';
  method: string;
  /** Path and query string, as the client sent them. */
  path: string;
  /** The upstream's status; 0 when it could not be reached. */
  status: number;
  /** What was judged: a check of the contract suite (`schema`, `headers`…), `request`, or Prism's location. */
  check: string;
  message: string;
}

/** One line a person can read: `✖ response GET /agents/agt_1 → 200 schema: /body/id must be string`. */
export function formatViolation(v: Violation): string {
  return `✖ ${v.side} ${v.method} ${v.path} → ${v.status} ${v.check}: ${v.message}`;
}

/** Counts per operation and side, for the summary printed on exit. */
export function summarise(violations: readonly Violation[], exchanges: number): string {
  if (violations.length === 0) return `${exchanges} exchanges checked, no violations.\n`;
  const counts = new Map<string, number>();
  for (const v of violations) {
    const key = `${v.side.padEnd(8)} ${v.method} ${v.path.split('?')[0]}  ${v.check}`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  const lines = [...counts].map(([key, n]) => `  ${String(n).padStart(4)}  ${key}`);
  const responses = violations.filter((v) => v.side === 'response').length;
  return [
    `${exchanges} exchanges checked, ${violations.length} violations ` +
      `(${responses} by the upstream's responses, ${violations.length - responses} by requests):`,
    ...lines,
    '',
  ].join('\n');
}
