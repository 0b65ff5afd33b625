import { beforeAll, describe, expect, it } from 'vitest';
import { loadSpec, type Spec } from '../spec/spec.js';
import { exchangeOf } from '../test/support/breaks/exchange-of.js';
import { Coverage, coverageLine } from './coverage.js';
import type { ContractOptions } from './options.js';
import { ResultMatrix } from './results.js';

const options = (extra: Partial<ContractOptions> = {}): ContractOptions => ({
  baseUrl: 'http://target',
  token: 't',
  include: [],
  only: [],
  checks: [],
  callTo: '+14155550123',
  maxCalls: 1,
  readOnly: false,
  timeoutMs: 1000,
  webhookPort: 0,
  ...extra,
});
const RATE = {
  'x-ratelimit-limit': '1',
  'x-ratelimit-remaining': '0',
  'x-ratelimit-reset': '1',
  'x-request-id': 'r',
};

describe('Coverage: what of the spec a run exercised, and why not the rest', () => {
  it('counts a promise checked when its check ran on its operation, and says why for the others', () => {
    const { report } = listAgentsAfter(() => {});
    const { promises } = report;
    // listAgents' schema ran: its "A page of agents." is checked; its pagination was skipped.
    expect(promises.judged.map((p) => p.name)).toContain('page-of-agents');
    const why = Object.fromEntries(promises.unchecked.map((m) => [m.name, m.why]));
    expect(why['list-agents-order']).toBe('pagination skipped: fewer than two items to page through');
    expect(why['listAgents-500']).toBe(
      'not observable from outside: a server fault: not provokable from outside',
    );
    // Operations outside the run (only listAgents was judged) are not claimed.
    expect(why['call-created-queued']).toBe('operation not selected (--only)');
    expect(promises.total).toBe(promises.checked + promises.unchecked.length);
  });

  let spec: Spec;
  beforeAll(async () => {
    spec = await loadSpec();
  });

  function listAgentsAfter(observe: (c: Coverage) => void, extra: Partial<ContractOptions> = {}) {
    const coverage = new Coverage();
    observe(coverage);
    const matrix = new ResultMatrix();
    matrix.pass('listAgents', 'schema');
    matrix.skip('listAgents', 'pagination', 'fewer than two items to page through');
    const enabled = (check: string) =>
      check !== 'rate-limit' && check !== 'webhooks' && check !== 'rate-limit-concurrency';
    const report = coverage.report(spec, ['listAgents'], matrix, options(extra), enabled);
    return { report, op: report.operations[0] };
  }

  it('names the statuses seen, and why the others were not', () => {
    const { op } = listAgentsAfter((c) => {
      c.observe('listAgents', exchangeOf(200, RATE));
      c.observe('listAgents', exchangeOf(401, { 'www-authenticate': 'Bearer', 'x-request-id': 'r' }));
    });
    expect(op?.statuses.exercised).toEqual(['200', '401']);
    const why = Object.fromEntries(op?.statuses.missed.map((m) => [m.name, m.why]) ?? []);
    expect(why).toMatchObject({
      '500': 'a server fault: not provokable from outside',
      '503': 'a server fault: not provokable from outside',
      '429': 'opt-in not given (--include rate-limit)',
      '403': 'no --readonly-token or --suspended-token given',
    });
  });

  it('counts a header only when a response that documents it carried it', () => {
    const { op } = listAgentsAfter((c) => c.observe('listAgents', exchangeOf(200, { 'x-request-id': 'r' })));
    expect(op?.headers.exercised).toEqual(['X-Request-Id']);
    expect(op?.headers.missed.map((m) => m.name)).toContain('X-RateLimit-Remaining');
    expect(op?.headers.missed.find((m) => m.name === 'Retry-After')?.why).toBe(
      'only documented on 429, not seen',
    );
  });

  it('counts an opt-in not given where it would have run (the quota is spent on the first plain list)', () => {
    const { op } = listAgentsAfter(() => {});
    const why = Object.fromEntries(op?.checks.missed.map((m) => [m.name, m.why]) ?? []);
    expect(why['rate-limit']).toBe('opt-in not given (--include rate-limit)');
    expect(why['rate-limit-concurrency']).toBe('opt-in not given (--include rate-limit)');
    expect(why['auth-readonly-write']).toBeUndefined();
  });

  it('lists checks that ran as exercised, and skipped or not selected ones with why', () => {
    const { op, report } = listAgentsAfter(() => {}, { checks: ['schema', 'pagination'] });
    expect(op?.checks.exercised).toEqual(['schema']);
    const why = Object.fromEntries(op?.checks.missed.map((m) => [m.name, m.why]) ?? []);
    expect(why.pagination).toBe('skipped: fewer than two items to page through');
    // Left out with --checks: not counted at all.
    expect(why['rate-limit']).toBeUndefined();
    expect(coverageLine(report)).toMatch(
      /^covered 0 of \d+ \(0%\) documented statuses, .* 1 of \d+ \(\d+%\) applicable checks; promises checked: \d+ of \d+ \(\d+%\)$/,
    );
  });
});
