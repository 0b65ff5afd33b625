import type { CallStatus } from '../types.js';
import { type CallEntry, type CampaignLedger, REQUEST_FLAGS } from './campaign-ledger.js';
import { bucketOf, HISTOGRAM_BOUNDS, LatencyList } from './latency-summary.js';
import type { CampaignReport, ReportFailure } from './types.js';

type Runs = CampaignReport['runs'];
type Requests = CampaignReport['requests'];

/** Runs of one scenario, one population or all, tallied as the pass goes. */
class Tally {
  runs = 0;
  passed = 0;
  failed = 0;
  running = 0;
  latencies = new LatencyList();
  failures = new Map<string, ReportFailure>();

  add(entry: CallEntry): void {
    const run = entry.run;
    if (!run) return;
    this.runs += 1;
    this[run.status] += 1;
    for (const latency of run.latencies) this.latencies.push(latency);
    const failure = run.status === 'failed' ? run.failure : null;
    if (!failure) return;
    const key = `${failure.step ?? ''}\u0000${failure.reason}`;
    const group = this.failures.get(key);
    if (group) {
      group.count += 1;
      if (group.callIds.length < 5) group.callIds.push(entry.callId);
    } else
      this.failures.set(key, {
        step: failure.step,
        expected: failure.expected,
        reason: failure.reason,
        count: 1,
        callIds: [entry.callId],
        example: failure.example,
      });
  }

  view(name: string): Runs {
    const settled = this.passed + this.failed;
    return {
      name,
      runs: this.runs,
      passed: this.passed,
      failed: this.failed,
      running: this.running,
      passRate: settled === 0 ? null : Math.round((this.passed / settled) * 10_000) / 100,
      latencyMs: this.latencies.summary(),
      failures: [...this.failures.values()].sort((a, b) => b.count - a.count),
    };
  }
}

function tallyOf<K>(map: Map<K, Tally>, key: K): Tally {
  let tally = map.get(key);
  if (!tally) {
    tally = new Tally();
    map.set(key, tally);
  }
  return tally;
}

/**
 * The report over what the ledger holds since `since` (ms on the mock's clock; null: everything):
 * one pass over calls, one over deliveries, one over requests. Pure: the same ledger, the same report.
 */
export function campaignReport(
  ledger: CampaignLedger,
  options: { since: number | null; now: number; iso: (at: number) => string },
): CampaignReport {
  const since = options.since ?? Number.NEGATIVE_INFINITY;
  const byStatus: Partial<Record<CallStatus, number>> = {};
  const all = new Tally();
  const scenarios = new Map<string, Tally>();
  const populations = new Map<string, { tally: Tally; calls: number; byEntry: Record<string, number> }>();
  const histogram = new Array<number>(HISTOGRAM_BOUNDS.length + 1).fill(0);
  let calls = 0;
  let doubleAnswers = 0;
  for (const entry of ledger.calls.values()) {
    if (entry.at < since) continue;
    calls += 1;
    byStatus[entry.status] = (byStatus[entry.status] ?? 0) + 1;
    if (entry.doubleAnswer) doubleAnswers += 1;
    if (entry.population !== null) {
      let group = populations.get(entry.population);
      if (!group) {
        group = { tally: new Tally(), calls: 0, byEntry: {} };
        populations.set(entry.population, group);
      }
      group.calls += 1;
      if (entry.entry !== null) group.byEntry[entry.entry] = (group.byEntry[entry.entry] ?? 0) + 1;
      group.tally.add(entry);
    }
    if (!entry.run) continue;
    all.add(entry);
    tallyOf(scenarios, entry.run.scenario).add(entry);
    for (const latency of entry.run.latencies) {
      const bucket = bucketOf(latency);
      histogram[bucket] = (histogram[bucket] ?? 0) + 1;
    }
  }

  const webhooks: CampaignReport['webhooks'] = {
    deliveries: 0,
    attempts: 0,
    delivered: 0,
    failed: 0,
    pending: 0,
    retried: 0,
    duplicates: 0,
    reordered: 0,
    delayed: 0,
    statusCodes: {},
  };
  for (const delivery of ledger.deliveries.values()) {
    if (delivery.at < since) continue;
    webhooks.deliveries += 1;
    webhooks.attempts += delivery.codes.length;
    webhooks.retried += Math.max(0, delivery.codes.length - 1);
    if (delivery.status === 'succeeded') webhooks.delivered += 1;
    else if (delivery.status === 'failed') webhooks.failed += 1;
    else webhooks.pending += 1;
    if (delivery.duplicate) webhooks.duplicates += 1;
    if (delivery.reordered) webhooks.reordered += 1;
    if (delivery.delayed) webhooks.delayed += 1;
    for (const code of delivery.codes) {
      const key = code === null ? 'none' : String(code);
      webhooks.statusCodes[key] = (webhooks.statusCodes[key] ?? 0) + 1;
    }
  }

  const requests: Requests = {
    total: 0,
    byOperation: {},
    rateLimited: 0,
    insideRetryAfter: 0,
    afterCallEnded: 0,
    byUser: {},
  };
  const { names } = ledger;
  ledger.forEachRequest((at, user, operation, status, flags) => {
    if (at < since) return;
    const inside = (flags & REQUEST_FLAGS.INSIDE_RETRY_AFTER) !== 0 ? 1 : 0;
    const ended = (flags & REQUEST_FLAGS.AFTER_CALL_ENDED) !== 0 ? 1 : 0;
    const limited = status === 429 ? 1 : 0;
    requests.total += 1;
    requests.rateLimited += limited;
    requests.insideRetryAfter += inside;
    requests.afterCallEnded += ended;
    const operationId = names[operation] || 'unrouted';
    const counts = requests.byOperation[operationId] ?? {};
    requests.byOperation[operationId] = counts;
    counts[String(status)] = (counts[String(status)] ?? 0) + 1;
    if (user === 0) return;
    const userId = names[user] as string;
    const mine = requests.byUser[userId] ?? {
      total: 0,
      rateLimited: 0,
      insideRetryAfter: 0,
      afterCallEnded: 0,
    };
    requests.byUser[userId] = mine;
    mine.total += 1;
    mine.rateLimited += limited;
    mine.insideRetryAfter += inside;
    mine.afterCallEnded += ended;
  });

  return {
    since: options.since === null ? null : options.iso(options.since),
    until: options.iso(options.now),
    calls: { total: calls, byStatus },
    runs: all.view('all'),
    scenarios: [...scenarios].map(([name, tally]) => tally.view(name)),
    populations: [...populations].map(([name, group]) => ({
      ...group.tally.view(name),
      calls: group.calls,
      byEntry: group.byEntry,
    })),
    latencyHistogram: histogram.map((count, i) => ({ upToMs: HISTOGRAM_BOUNDS[i] ?? null, count })),
    doubleAnswers,
    webhooks,
    requests,
  };
}
