/** One violation as Prism reports it in the `sl-violations` header. */
export interface PrismViolation {
  location: string[];
  severity: string;
  code: string | number;
  message: string;
}

/** A violation with the exchange it was found in. */
export interface SeenViolation extends PrismViolation {
  method: string;
  path: string;
  status: number;
  /** `request` when the client broke the contract, `response` when the upstream did. */
  side: 'request' | 'response';
}

/** Reads Prism's `sl-violations` header (a JSON array); anything unreadable becomes one violation saying so. */
export function parseViolations(header: string | undefined): PrismViolation[] {
  if (!header) return [];
  try {
    const parsed = JSON.parse(header) as unknown;
    return Array.isArray(parsed) ? (parsed as PrismViolation[]) : [];
  } catch {
    return [{ location: [], severity: 'Error', code: 'unreadable', message: `sl-violations: ${header}` }];
  }
}

/** One line a person can read: `✖ response GET /agents → 200: body.data.0.id Response body property … must be string`. */
export function formatViolation(v: SeenViolation): string {
  const where = v.location.slice(1).join('.') || v.side;
  return `✖ ${v.side} ${v.method} ${v.path} → ${v.status}: ${where}: ${v.message} [${v.severity}]`;
}

/** Counts per operation and side, for the summary printed on exit. */
export function summarise(violations: readonly SeenViolation[], exchanges: number): string {
  if (violations.length === 0) return `${exchanges} exchanges checked, no violations.\n`;
  const counts = new Map<string, number>();
  for (const v of violations) {
    const key = `${v.side.padEnd(8)} ${v.method} ${v.path.split('?')[0]}`;
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
