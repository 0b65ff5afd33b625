import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formatConsoleReport } from '../contracts/reports/console.js';
import { formatHtmlReport } from '../contracts/reports/html.js';
import { formatJunitReport } from '../contracts/reports/junit.js';
import { runContractSuite } from '../contracts/runner.js';
import { type RunningMock, startMock } from '../exports/server.js';
import { loadSpecSync } from '../spec/spec.js';
import { startBreakingProxy } from './support/breaks/breaking-proxy.js';
import { WORD_BREAKAGES } from './support/breaks/word-breaks.js';
import { contractOptions, failuresOf, skipsOf } from './support/contract-run.js';

// A call as the spec's example shows it, for a body the suite must judge.
const queuedCall = loadSpecSync().document.components.examples?.QueuedCall?.value as object;

describe('the contract suite against the mock', () => {
  let mock: RunningMock;
  beforeAll(async () => {
    mock = await startMock({ port: 0, timeScale: 20 });
  });
  afterAll(() => mock.close());

  // A full run spends the quota twice (one by one, then in parallel) and waits out its windows.
  it('passes every check, rate limit and webhooks included, and hangs up every call it made', async () => {
    const run = await runContractSuite(contractOptions(mock.url, { include: ['rate-limit', 'webhooks'] }));
    expect(failuresOf(run)).toEqual([]);
    expect(skipsOf(run)).toEqual([]);
    const { pass } = run.matrix.summary();
    expect(pass).toBeGreaterThan(200);
    // Every operation of the spec is a row, and each had its status, headers and body judged.
    expect(run.matrix.rows().length).toBe(19);
    expect(run.matrix.cell('callEventWebhook', 'webhooks')?.verdict).toBe('pass');
    for (const [id, row] of run.matrix.rows())
      if (id !== 'callEventWebhook') expect(row.get('schema')?.verdict).toBe('pass');
    expect(run.matrix.cell('listCalls', 'rate-limit')?.verdict).toBe('pass');
    const calls = run.created.filter((c) => c.operationId === 'createCall');
    expect(calls.length).toBeGreaterThan(0);
    expect(calls.length).toBeLessThanOrEqual(8);
    for (const call of calls) expect(call.note).toContain('hung up');
    // The quota is spent by now: ask the mock's domain, not its API.
    for (const call of calls)
      expect(['completed', 'canceled']).toContain(mock.telephony.calls.get('demo', call.id).status);
  }, 90_000);

  it('cites the words of the spec a failure breaks, in the console, JUnit and HTML', async () => {
    const proxy = await startBreakingProxy(mock.url, {
      response: (r, q) => {
        if (q.method === 'GET' && q.url.startsWith('/calls?') && q.url.includes('status='))
          r.body = Buffer.from(
            JSON.stringify({ data: [{ ...queuedCall, status: 'completed' }], nextCursor: null }),
          );
      },
    });
    try {
      const run = await runContractSuite(
        contractOptions(proxy.url, { only: ['listCalls'], checks: ['filters'] }),
      );
      const cell = run.matrix.cell('listCalls', 'filters');
      expect(cell?.verdict).toBe('fail');
      expect(cell?.cite).toEqual({
        at: '/paths/~1calls/get/parameters/2/description',
        words: 'Only calls in this status.',
      });
      const citation =
        'breaks openapi.yaml#/paths/~1calls/get/parameters/2/description: “Only calls in this status.”';
      expect(formatConsoleReport(run)).toContain(`    ${citation}`);
      expect(formatJunitReport(run)).toContain(citation);
      expect(formatHtmlReport(run)).toContain(`<p class="cite">${citation}</p>`);
    } finally {
      await proxy.close();
    }
  });

  it('with --read-only sends only reads and creates nothing', async () => {
    const methods = new Set<string>();
    const proxy = await startBreakingProxy(mock.url, { request: (q) => void methods.add(q.method) });
    try {
      const run = await runContractSuite(contractOptions(proxy.url, { readOnly: true }));
      expect(failuresOf(run)).toEqual([]);
      expect([...methods]).toEqual(['GET']);
      expect(run.created).toEqual([]);
      expect(run.matrix.cell('createCall', 'positive-data')).toMatchObject({
        verdict: 'skip',
        reason: '--read-only',
      });
    } finally {
      await proxy.close();
    }
  });

  it('dials only --call-to and creates no more calls than --max-calls', async () => {
    const dialled: string[] = [];
    const proxy = await startBreakingProxy(mock.url, {
      request: (q) => {
        if (q.method === 'POST' && q.url === '/calls' && q.body.length > 0) {
          const to = (JSON.parse(q.body.toString('utf8')) as { to?: unknown }).to;
          if (typeof to === 'string') dialled.push(to);
        }
      },
    });
    try {
      const run = await runContractSuite(
        contractOptions(proxy.url, {
          maxCalls: 1,
          callTo: '+14155550177',
          checks: ['lifecycle', 'positive-data'],
        }),
      );
      expect(run.created.filter((c) => c.operationId === 'createCall')).toHaveLength(1);
      expect(new Set(dialled)).toEqual(new Set(['+14155550177']));
      expect(run.matrix.cell('createCall', 'positive-data')).toMatchObject({
        verdict: 'skip',
        reason: '--max-calls 1 reached',
      });
    } finally {
      await proxy.close();
    }
  });

  it('creates no more calls than --max-calls even when the target starts one it should refuse', async () => {
    const broken = WORD_BREAKAGES.find((b) => b.name === 'starts a call with a voice still cloning');
    const proxy = await startBreakingProxy(mock.url, broken?.breakage ?? {});
    try {
      const run = await runContractSuite(
        contractOptions(proxy.url, { maxCalls: 1, checks: ['exact-status'] }),
      );
      expect(run.matrix.cell('createCall', 'exact-status')?.verdict).toBe('fail');
      const calls = run.created.filter((c) => c.operationId === 'createCall');
      expect(calls).toHaveLength(1);
      expect(calls[0]?.note).toContain('hung up');
    } finally {
      await proxy.close();
    }
  });

  it('when interrupted, stops and still hangs up the call it started', async () => {
    const abort = new AbortController();
    // Interrupt as soon as the target has answered the first call creation.
    const proxy = await startBreakingProxy(mock.url, {
      response: (r, q) =>
        void (q.method === 'POST' && q.url === '/calls' && r.status === 201 && abort.abort()),
    });
    try {
      const run = await runContractSuite(contractOptions(proxy.url), { signal: abort.signal });
      expect(run.interrupted).toBe(true);
      const [call] = run.created.filter((c) => c.operationId === 'createCall');
      expect(call?.note).toContain('hung up');
      expect(['completed', 'canceled']).toContain(mock.telephony.calls.get('demo', call?.id ?? '').status);
      expect(run.matrix.cell('listCalls', 'auth-missing-token')).toBeUndefined();
    } finally {
      await proxy.close();
    }
  });

  it('reports a failure with its request and response in the console, JUnit and HTML', async () => {
    const proxy = await startBreakingProxy(mock.url, {
      response: (r) => void delete r.headers['x-request-id'],
    });
    try {
      const run = await runContractSuite(
        contractOptions(proxy.url, { only: ['listAgents'], checks: ['positive-data', 'headers'] }),
      );
      expect(run.matrix.cell('listAgents', 'headers')).toMatchObject({
        verdict: 'fail',
        reason: '/header/X-Request-Id is required',
      });
      const text = formatConsoleReport(run);
      expect(text).toContain('✗ listAgents · headers: /header/X-Request-Id is required');
      expect(text).toContain(`GET ${proxy.url}/agents`);
      expect(text).toMatch(/FAIL .* conformance 50%/);
      // Coverage: what was exercised of listAgents, and why not the rest.
      expect(text).toContain('listAgents: statuses 200 · headers 5 of 8 · checks 2 of 2');
      expect(text).toContain('not 400, 401, 403: not provoked by this run');
      expect(text).toContain('not 500, 503: a server fault: not provokable from outside');
      expect(text).toContain('not X-Request-Id: never sent (on 200)');
      expect(text).toContain(
        '; covered 1 of 7 (14%) documented statuses, 5 of 8 (63%) documented headers, 2 of 2 (100%) applicable checks',
      );
      const junit = formatJunitReport(run);
      expect(junit).toContain('<testsuite name="listAgents" tests="2" failures="1" errors="0" skipped="0">');
      expect(junit).toContain('<failure message="/header/X-Request-Id is required" type="headers">');
      expect(junit).toContain('<property name="coverage.statuses.exercised" value="200"/>');
      expect(junit).toMatch(/<system-out>not exercised:\n[^<]*500, 503: a server fault/);
      const html = formatHtmlReport(run);
      expect(html).toContain('<td class="fail" title="/header/X-Request-Id is required">');
      expect(html).toContain('Conformance 50%');
      expect(html).toContain('<td class="op">listAgents</td><td>200</td><td>5 of 8</td><td>2 of 2</td>');
      expect(html).not.toMatch(/<script|<link|src=/);
      // Promises: counted in every report, the unchecked listed with why.
      expect(text).toMatch(
        /Promises of the spec's words \(contracts\/promises.ts\): promises checked: \d+ of \d+/,
      );
      expect(text).toContain('createCall-500, ');
      expect(junit).toMatch(/<testsuite name="promises" tests="\d+" failures="1" errors="0" skipped="\d+">/);
      expect(html).toMatch(/<p>promises checked: \d+ of \d+ \(\d+%\)/);
      // The token is never printed whole.
      expect(text + junit + html).not.toContain('Bearer demo-token');
    } finally {
      await proxy.close();
    }
  });
});
