import { type HostPolicy, isAllowedHost } from './host-check.js';

/** Verdicts remembered per checker; past it the memory starts again, so a flood of odd Hosts costs no memory. */
export const HOST_VERDICTS_KEPT = 64;

/**
 * {@link isAllowedHost} for one policy, each `Host` value judged once: a request's Host is nearly
 * always the one before it, and judging it parses a URL.
 */
export function hostChecker(
  policy: HostPolicy,
  kept = HOST_VERDICTS_KEPT,
  judge: typeof isAllowedHost = isAllowedHost,
): (host: string | undefined) => boolean {
  const verdicts = new Map<string | undefined, boolean>();
  return (host) => {
    let verdict = verdicts.get(host);
    if (verdict === undefined) {
      verdict = judge(host, policy);
      if (verdicts.size >= kept) verdicts.clear();
      verdicts.set(host, verdict);
    }
    return verdict;
  };
}
