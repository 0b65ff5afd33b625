import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Population, Scenario } from '../exports/server.js';
import type { MockApi } from './support/mock-api.js';
import { describeTransports, type Transport } from './support/transports.js';
import { eventually } from './webhooks-receiver.js';

let api: MockApi;

const confirms: Scenario = {
  name: 'confirms',
  steps: [
    { say: 'Yes, I will be there.' },
    { expect: { agent: { contains: 'great' }, within: 10 } },
    { hangup: {} },
  ],
};
const reschedules: Scenario = {
  name: 'reschedules',
  steps: [{ say: 'Can we make it Tuesday?' }, { expect: { agent: { contains: 'tuesday' } } }, { hangup: {} }],
};
const morning: Population = {
  name: 'morning-reminders',
  match: { to: { prefix: '+1415555' } },
  mix: [
    { scenario: 'confirms', weight: 60 },
    { scenario: 'reschedules', weight: 20 },
    { outcome: 'voicemail', weight: 10 },
    { outcome: 'busy', weight: 5 },
    { outcome: 'no-answer', weight: 5 },
  ],
};
const numbers = (n: number) => Array.from({ length: n }, (_, i) => `+1415555${String(i).padStart(4, '0')}`);

// What each transport made of the same numbers, to compare them.
const assigned = new Map<Transport, string[]>();

describeTransports('campaigns', (start, transport) => {
  beforeAll(async () => {
    api = await start();
  });
  afterAll(() => api.mock.close());
  beforeEach(async () => {
    await api.post('/__mock/reset');
    for (const p of (await api.get('/__mock/populations')).body.populations)
      await api.request('DELETE', `/__mock/populations/${p.name}`);
    for (const s of (await api.get('/__mock/scenarios')).body.scenarios)
      await api.request('DELETE', `/__mock/scenarios/${s.name}`);
    await api.put('/__mock/webhook-delivery', {});
  });

  const defineMorning = async () => {
    for (const s of [confirms, reschedules])
      expect((await api.put(`/__mock/scenarios/${s.name}`, s)).status).toBe(200);
    return api.put('/__mock/populations/morning-reminders', morning);
  };

  describe('populations through the admin API', () => {
    it('PUT defines (a scenario used only through it has no match), GET reads and lists, DELETE removes', async () => {
      const put = await defineMorning();
      expect([put.status, put.body]).toEqual([200, morning]);
      expect((await api.get('/__mock/populations/morning-reminders')).body).toEqual(morning);
      expect((await api.get('/__mock/populations')).body).toEqual({ populations: [morning] });
      expect(await api.mock.listPopulations()).toEqual([morning]);
      expect((await api.request('DELETE', '/__mock/populations/morning-reminders')).status).toBe(204);
      const gone = await api.get('/__mock/populations/morning-reminders');
      expect([gone.status, gone.body.code]).toEqual([404, 'population_not_found']);
    });

    const refusals: Array<[string, { given: unknown; status: number; code: string; path: string }]> = [
      [
        'a mix entry naming an unknown scenario',
        {
          given: { ...morning, mix: [{ scenario: 'ghost', weight: 1 }] },
          status: 400,
          code: 'invalid_population',
          path: '/body/mix/0/scenario',
        },
      ],
      [
        'a weight of 0',
        {
          given: { ...morning, mix: [{ outcome: 'busy', weight: 0 }] },
          status: 400,
          code: 'validation_failed',
          path: '/body/mix/0/weight',
        },
      ],
      [
        'an entry with both a scenario and an outcome',
        {
          given: { ...morning, mix: [{ scenario: 'confirms', outcome: 'busy', weight: 1 }] },
          status: 400,
          code: 'validation_failed',
          path: '/body/mix/0',
        },
      ],
      [
        'a prefix that is not the start of an E.164 number',
        {
          given: { ...morning, match: { to: { prefix: '1415' } } },
          status: 400,
          code: 'validation_failed',
          path: '/body/match/to',
        },
      ],
      [
        'a body naming another population',
        {
          given: { ...morning, name: 'other' },
          status: 400,
          code: 'population_name_mismatch',
          path: '/body/name',
        },
      ],
    ];
    for (const [name, { given, status, code, path }] of refusals)
      it(`refuses ${name} (${status} ${code}, ${path})`, async () => {
        await api.put('/__mock/scenarios/confirms', confirms);
        const sent = await api.put('/__mock/populations/morning-reminders', given);
        expect([sent.status, sent.body.code]).toEqual([status, code]);
        expect(sent.body.errors.map((e: { path: string }) => e.path)).toContain(path);
        if (code === 'invalid_population')
          expect(sent.body.detail).toContain('Population "morning-reminders"');
        expect((await api.get('/__mock/populations/morning-reminders')).status).toBe(404);
      });

    it('refuses a second population on the same prefix (409) and deleting a scenario in a mix (409)', async () => {
      await defineMorning();
      const twin = await api.put('/__mock/populations/twin', { ...morning, name: 'twin' });
      expect([twin.status, twin.body.code]).toEqual([409, 'population_conflict']);
      expect(twin.body.detail).toContain('already claimed by "morning-reminders"');
      const del = await api.request('DELETE', '/__mock/scenarios/confirms');
      expect([del.status, del.body.code]).toEqual([409, 'scenario_in_use']);
    });
  });

  describe('calls to a population', () => {
    it('each number gets its entry by weight; runs say which population chose them; the report counts it all', async () => {
      await defineMorning();
      const agentId = await api.agent();
      const ids: string[] = [];
      for (const to of numbers(40)) ids.push((await api.call(to, agentId)).id);
      await api.advance(30);
      const report = (await api.get('/__mock/report')).body;
      const [population] = report.populations;
      expect(population).toMatchObject({ name: 'morning-reminders', calls: 40 });
      const byEntry: Record<string, number> = population.byEntry;
      expect(Object.values(byEntry).reduce((a, b) => a + b, 0)).toBe(40);
      expect(population.runs).toBe((byEntry.confirms ?? 0) + (byEntry.reschedules ?? 0));
      const runs = (await api.get('/__mock/scenario-runs?limit=1000')).body.runs;
      expect(runs.every((r: { population: string }) => r.population === 'morning-reminders')).toBe(true);
      const statuses = await Promise.all(ids.map(async (id) => (await api.get(`/calls/${id}`)).body.status));
      expect(statuses.filter((s) => s === 'busy')).toHaveLength(byEntry.busy ?? 0);
      expect(report.calls.total).toBe(40);
      // The same seed and numbers give the same entries on both transports.
      const entries = runs
        .map((r: { callId: string; scenario: string }) => `${ids.indexOf(r.callId)}:${r.scenario}`)
        .sort();
      assigned.set(transport, entries);
      if (transport === 'msw') expect(entries).toEqual(assigned.get('express'));
    });

    it('a scenario’s own match.to wins over the population', async () => {
      await defineMorning();
      await api.put('/__mock/scenarios/exact', { ...confirms, name: 'exact', match: { to: '+14155550007' } });
      const call = await api.call('+14155550007');
      await api.advance(5);
      expect((await api.get(`/__mock/calls/${call.id}/scenario`)).body).toMatchObject({
        scenario: 'exact',
        population: null,
      });
    });
  });

  describe('webhook delivery settings', () => {
    it('GET shows every field; PUT replaces them (a field left out is off); reset keeps them and the populations', async () => {
      expect((await api.get('/__mock/webhook-delivery')).body).toEqual({
        duplicate: 0,
        reorder: 0,
        delay: { min: 0, max: 0 },
      });
      const put = await api.put('/__mock/webhook-delivery', { duplicate: 0.1, delay: { min: 0, max: 3 } });
      expect(put.body).toEqual({ duplicate: 0.1, reorder: 0, delay: { min: 0, max: 3 } });
      await defineMorning();
      await api.post('/__mock/reset');
      expect((await api.get('/__mock/webhook-delivery')).body).toEqual(put.body);
      expect((await api.get('/__mock/populations')).body.populations).toHaveLength(1);
    });

    const refusals: Array<[string, { given: unknown; code: string; path: string }]> = [
      [
        'a probability over 1',
        { given: { duplicate: 2 }, code: 'validation_failed', path: '/body/duplicate' },
      ],
      [
        'a delay that ends before it starts',
        { given: { delay: { min: 3, max: 1 } }, code: 'invalid_webhook_delivery', path: '/body/delay/max' },
      ],
      ['an unknown field', { given: { drop: 0.5 }, code: 'validation_failed', path: '/body/drop' }],
    ];
    for (const [name, { given, code, path }] of refusals)
      it(`refuses ${name} (400 ${code})`, async () => {
        const sent = await api.put('/__mock/webhook-delivery', given);
        expect([sent.status, sent.body.code]).toEqual([400, code]);
        expect(sent.body.errors.map((e: { path: string }) => e.path)).toContain(path);
      });

    it('every delivery says what was done to it: a duplicate is its own delivery with duplicateOf', async () => {
      await api.put('/__mock/webhook-delivery', { duplicate: 1 });
      const agentId = await api.agent();
      await api.post('/calls', { to: '+15005550013', agentId, webhookUrl: 'http://127.0.0.1:9/hooks' });
      await api.advance(1);
      await eventually(async () =>
        expect((await api.get('/__mock/webhooks')).body.deliveries[0]?.attempts).toHaveLength(1),
      );
      await api.advance(1);
      const deliveries = await eventually(async () => {
        const list = (await api.get('/__mock/webhooks')).body.deliveries;
        expect(list).toHaveLength(2);
        return list;
      });
      const [duplicate, original] = deliveries;
      expect(original.chaos).toBeNull();
      expect(duplicate.chaos).toEqual({ duplicateOf: original.id });
      expect(duplicate.attempts[0].chaos).toEqual({ duplicateOf: original.id });
      expect((await api.get('/__mock/report')).body.webhooks).toMatchObject({ deliveries: 2, duplicates: 1 });
    });
  });

  describe('the report', () => {
    it('answers an empty report after a reset, in the spec’s shape, and the handle’s report() agrees', async () => {
      const sent = await api.get('/__mock/report');
      expect(sent.body).toMatchObject({
        since: null,
        calls: { total: 0, byStatus: {} },
        runs: { name: 'all', runs: 0, passRate: null, latencyMs: { count: 0, p95: null } },
        scenarios: [],
        populations: [],
        doubleAnswers: 0,
        webhooks: { attempts: 0, delivered: 0, duplicates: 0, reordered: 0, statusCodes: {} },
        requests: { total: 0, byOperation: {}, rateLimited: 0, insideRetryAfter: 0, afterCallEnded: 0 },
      });
      expect(await api.mock.report()).toEqual(sent.body);
    });

    it('a passed run with its latency, the app’s requests, one after the call ended; ?since= leaves earlier ones out', async () => {
      await api.put('/__mock/scenarios/confirms', { ...confirms, match: { to: '+15005550140' } });
      const call = await api.call('+15005550140');
      await api.advance(5);
      await api.post(`/calls/${call.id}/respond`, { text: 'Great, see you then.' });
      await api.advance(1);
      const late = await api.post(`/calls/${call.id}/respond`, { text: 'Hello?' });
      expect([late.status, late.body.code]).toEqual([409, 'call_ended']);
      const run = (await api.get(`/__mock/calls/${call.id}/scenario`)).body;
      expect(run.steps[1].latencyMs).toBeGreaterThanOrEqual(0);
      const report = (await api.get('/__mock/report')).body;
      expect(report.calls).toEqual({ total: 1, byStatus: { completed: 1 } });
      expect(report.scenarios).toMatchObject([
        { name: 'confirms', runs: 1, passed: 1, passRate: 100, latencyMs: { count: 1 } },
      ]);
      expect(report.requests).toMatchObject({
        total: 4,
        byOperation: { createAgent: { 201: 1 }, createCall: { 201: 1 }, respondToCall: { 200: 1, 409: 1 } },
        afterCallEnded: 1,
        byUser: { demo: { total: 4, afterCallEnded: 1 } },
      });
      await api.advance(1);
      const now = (await api.get('/__mock/clock')).body.now;
      await api.get('/calls');
      const since = (await api.get(`/__mock/report?since=${encodeURIComponent(now)}`)).body;
      expect(since).toMatchObject({ since: now, calls: { total: 0 }, scenarios: [], requests: { total: 1 } });
      expect(await api.mock.report({ since: now })).toEqual(since);
    });
  });

  describe('double answers', () => {
    it('an app that answers one callee turn twice fails the run and is counted; judge warn only notes it', async () => {
      const play = async (scenario: Scenario) => {
        await api.put(`/__mock/scenarios/${scenario.name}`, scenario);
        const call = await api.call(scenario.match?.to as string);
        await api.advance(5);
        for (let i = 0; i < 2; i++)
          await api.post(`/calls/${call.id}/respond`, { text: 'Great, see you then.' });
        return (await api.get(`/__mock/calls/${call.id}/scenario`)).body;
      };
      const strict = await play({ ...confirms, match: { to: '+15005550140' } });
      expect(strict).toMatchObject({
        status: 'failed',
        doubleAnswer: { count: 1, turn: 'Yes, I will be there.' },
        reason: 'the agent answered "Yes, I will be there." twice (a double answer)',
      });
      const lenient = await play({
        ...confirms,
        name: 'lenient',
        match: { to: '+15005550141' },
        judge: { doubleAnswer: 'warn' },
      });
      expect(lenient).toMatchObject({ status: 'running', doubleAnswer: { count: 1 } });
      const report = (await api.get('/__mock/report')).body;
      expect(report.doubleAnswers).toBe(2);
      expect(report.scenarios.find((s: { name: string }) => s.name === 'confirms').failures).toMatchObject([
        { step: null, reason: 'the agent answered one turn twice (doubleAnswer)', count: 1 },
      ]);
    });
  });

  describe('requests inside a 429’s Retry-After', () => {
    it('counts 429s and every request that came before the Retry-After had passed', async () => {
      let sent = await api.get('/calls');
      let allowed = 0;
      for (; sent.status === 200; sent = await api.get('/calls')) allowed += 1;
      expect(sent.status).toBe(429);
      await api.get('/calls');
      await api.advance(Number(sent.headers['retry-after']));
      expect((await api.get('/calls')).status).toBe(200);
      const { requests } = (await api.get('/__mock/report')).body;
      expect(requests).toMatchObject({
        total: allowed + 3,
        byOperation: { listCalls: { 200: allowed + 1, 429: 2 } },
        rateLimited: 2,
        insideRetryAfter: 1,
        byUser: { demo: { rateLimited: 2, insideRetryAfter: 1 } },
      });
    });
  });
});
