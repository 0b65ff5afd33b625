import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMock } from '../exports/server.js';
import type { Scenario } from '../mock/driver/mock-driver.js';
import type { MockApi } from './support/mock-api.js';
import { describeTransports } from './support/transports.js';

let api: MockApi;

const NUMBER = '+15005550140';
const booking: Scenario = {
  name: 'booking',
  match: { to: [NUMBER] },
  answer: { after: 2, by: 'human' },
  steps: [
    { say: "Hi, I'd like to book a table." },
    { expect: { agent: { contains: 'what time' }, within: 10 } },
    { say: 'Seven tonight.' },
    { expect: { agent: { regex: 'booked|confirm' }, within: 10 } },
    { hangup: {} },
  ],
};

describeTransports('scenarios', (start) => {
  beforeAll(async () => {
    api = await start();
  });
  afterAll(() => api.mock.close());
  beforeEach(async () => {
    await api.post('/__mock/reset');
    for (const s of (await api.get('/__mock/scenarios')).body.scenarios)
      await api.request('DELETE', `/__mock/scenarios/${s.name}`);
  });

  describe('the admin routes', () => {
    it('PUT defines, GET reads and lists, DELETE removes', async () => {
      const put = await api.put('/__mock/scenarios/booking', booking);
      expect(put.status).toBe(200);
      expect(put.body).toEqual(booking);
      expect((await api.get('/__mock/scenarios/booking')).body).toEqual(booking);
      expect((await api.get('/__mock/scenarios')).body.scenarios.map((s: Scenario) => s.name)).toEqual([
        'booking',
      ]);
      expect((await api.request('DELETE', '/__mock/scenarios/booking')).status).toBe(204);
      const gone = await api.get('/__mock/scenarios/booking');
      expect([gone.status, gone.body.code]).toEqual([404, 'scenario_not_found']);
    });

    const refusals: Array<[string, { given: unknown; status: number; code: string; path: string }]> = [
      [
        'a step field out of range',
        {
          given: { ...booking, steps: [{ say: 'hi' }, { expect: { agent: { any: true }, within: 0 } }] },
          status: 400,
          code: 'validation_failed',
          path: '/body/steps/1/expect/within',
        },
      ],
      [
        'a step with two kinds',
        {
          given: { ...booking, steps: [{ say: 'hi', wait: 2 }] },
          status: 400,
          code: 'validation_failed',
          path: '/body/steps/0',
        },
      ],
      [
        'a pattern that does not compile',
        {
          given: { ...booking, steps: [{ expect: { agent: { regex: '[' } } }] },
          status: 400,
          code: 'invalid_scenario',
          path: '/body/steps/0/expect/agent/regex',
        },
      ],
      [
        'a body naming another scenario',
        {
          given: { ...booking, name: 'other' },
          status: 400,
          code: 'scenario_name_mismatch',
          path: '/body/name',
        },
      ],
    ];
    for (const [name, { given, status, code, path }] of refusals) {
      it(`refuses ${name} (${status} ${code}, ${path})`, async () => {
        const sent = await api.put('/__mock/scenarios/booking', given);
        expect([sent.status, sent.body.code]).toEqual([status, code]);
        expect(sent.body.errors.map((e: { path: string }) => e.path)).toContain(path);
        expect((await api.get('/__mock/scenarios/booking')).status).toBe(404);
      });
    }

    it('refuses a second scenario claiming the same number (409 scenario_conflict)', async () => {
      await api.put('/__mock/scenarios/booking', booking);
      const sent = await api.put('/__mock/scenarios/twin', { ...booking, name: 'twin' });
      expect([sent.status, sent.body.code]).toEqual([409, 'scenario_conflict']);
      expect(sent.body.detail).toContain('already claimed by "booking"');
    });
  });

  describe('a call that follows a scenario', () => {
    async function bookingCall() {
      await api.put('/__mock/scenarios/booking', booking);
      const call = await api.call(NUMBER);
      await api.advance(1 + 2 + 1);
      return call.id as string;
    }

    it('plays the script; the run passes and is listed with its callId', async () => {
      const id = await bookingCall();
      const lines = async () =>
        (await api.get(`/calls/${id}`)).body.transcript.map((e: { text: string }) => e.text);
      expect((await lines()).at(-1)).toBe("Hi, I'd like to book a table.");
      await api.post(`/calls/${id}/respond`, { text: 'Sure, what time?' });
      await api.advance(1);
      expect((await lines()).at(-1)).toBe('Seven tonight.');
      await api.post(`/calls/${id}/respond`, { text: 'Booked for seven!' });
      await api.advance(0);
      expect((await api.get(`/calls/${id}`)).body).toMatchObject({
        status: 'completed',
        endedReason: 'callee-hangup',
      });
      const run = await api.get(`/__mock/calls/${id}/scenario`);
      expect(run.body).toMatchObject({ callId: id, scenario: 'booking', status: 'passed' });
      expect(run.body.steps.map((s: { status: string }) => s.status)).toEqual([
        'passed',
        'passed',
        'passed',
        'passed',
        'passed',
      ]);
      const passed = await api.get('/__mock/scenario-runs?status=passed');
      expect(passed.body).toMatchObject({ count: 1, runs: [{ callId: id }] });
      expect((await api.get('/__mock/scenario-runs?status=failed')).body).toEqual({ runs: [], count: 0 });
      expect(await api.mock.scenarioRun(id)).toEqual(run.body);
    });

    it('a reply that breaks the script fails the run; the call goes on; ?status=failed finds it', async () => {
      const id = await bookingCall();
      await api.post(`/calls/${id}/respond`, { text: 'Please hold.' });
      const failed = await api.get('/__mock/scenario-runs?status=failed');
      expect(failed.body.count).toBe(1);
      expect(failed.body.runs[0]).toMatchObject({
        callId: id,
        status: 'failed',
        reason: 'step /steps/1: the agent said "Please hold." after 0 s',
      });
      expect(failed.body.runs[0].steps.map((s: { status: string }) => s.status)).toEqual([
        'passed',
        'failed',
        'skipped',
        'skipped',
        'skipped',
      ]);
      expect((await api.get(`/calls/${id}`)).body.status).toBe('in-progress');
    });

    it('is deterministic: after a reset, the same steps give the same call, ids, times and run', async () => {
      const play = async () => {
        await api.post('/__mock/reset');
        const id = await bookingCall();
        await api.post(`/calls/${id}/respond`, { text: 'What time?' });
        await api.advance(1);
        await api.post(`/calls/${id}/respond`, { text: 'Confirmed.' });
        await api.advance(1);
        const call = (await api.get(`/calls/${id}`)).body;
        const run = (await api.get(`/__mock/calls/${id}/scenario`)).body;
        // The clock does not go back on reset: compare times as offsets from the call's creation.
        const t0 = Date.parse(call.createdAt);
        const ISO = /^\d{4}-\d\d-\d\dT[\d:.]+Z$/;
        // Turn latencies are real milliseconds (not the mock's clock): only their presence is the same.
        return JSON.parse(JSON.stringify({ call, run }), (key, value) =>
          key === 'latencyMs'
            ? typeof value
            : typeof value === 'string' && ISO.test(value)
              ? Date.parse(value) - t0
              : value,
        );
      };
      const first = await play();
      expect(first.run.status).toBe('passed');
      expect(await play()).toEqual(first);
    });

    it('a call to a number no scenario claims has no run (404)', async () => {
      const call = await api.call('+14155550123');
      const sent = await api.get(`/__mock/calls/${call.id}/scenario`);
      expect([sent.status, sent.body.code]).toEqual([404, 'scenario_run_not_found']);
    });
  });

  describe('request verification: the journal’s filters', () => {
    it('filters by operationId and callId, with a count', async () => {
      const agentId = await api.agent();
      const first = await api.call('+14155550123', agentId);
      const second = await api.call('+14155550124', agentId);
      await api.advance(4);
      for (const text of ['One', 'Two']) await api.post(`/calls/${first.id}/respond`, { text });
      await api.post(`/calls/${second.id}/respond`, { text: 'Three' });
      const sent = await api.get(`/__mock/journal?operationId=respondToCall&callId=${first.id}`);
      expect(sent.body.count).toBe(2);
      expect(
        sent.body.entries.map((e: { request: { body: { text: string } } }) => e.request.body.text),
      ).toEqual(['Two', 'One']);
      const about = await api.get(`/__mock/journal?callId=${first.id}`);
      // The POST /calls that created it, and the two responds.
      expect(about.body.entries.map((e: { operationId: string }) => e.operationId)).toEqual([
        'respondToCall',
        'respondToCall',
        'createCall',
      ]);
      const handle = await api.mock.requests({ operationId: 'respondToCall', callId: first.id });
      expect(handle).toHaveLength(2);
    });

    it('filters by status, user and time on the mock’s clock; limit cuts entries, not the count', async () => {
      const agentId = await api.agent();
      const call = await api.call('+14155550123', agentId);
      await api.post(`/calls/${call.id}/respond`, { text: 'Too early' }); // 409: not answered
      const before = (await api.get('/__mock/clock')).body.now;
      await api.advance(60);
      await api.get('/calls', { token: 'demo-token-other' });
      const conflicts = await api.get('/__mock/journal?status=409');
      expect(conflicts.body).toMatchObject({
        count: 1,
        entries: [{ operationId: 'respondToCall', status: 409 }],
      });
      const later = await api.get(
        `/__mock/journal?since=${encodeURIComponent(new Date(Date.parse(before) + 1).toISOString())}`,
      );
      expect(later.body.entries.map((e: { userId: string }) => e.userId)).toEqual(['other']);
      const early = await api.get(`/__mock/journal?until=${encodeURIComponent(before)}&userId=demo`);
      expect(early.body.count).toBe(3);
      const cut = await api.get('/__mock/journal?limit=1&userId=demo');
      expect([cut.body.entries.length, cut.body.count]).toEqual([1, 3]);
    });
  });

  describe('the handle', () => {
    it('defines scenarios and refuses a bad one with the problem’s detail', async () => {
      await api.mock.defineScenario(booking);
      expect((await api.mock.listScenarios()).map((s) => s.name)).toEqual(['booking']);
      await expect(
        api.mock.defineScenario({
          ...booking,
          name: 'bad',
          match: { to: '+14155550999' },
          steps: [{ say: '{{who}}' }],
        }),
      ).rejects.toThrow(/400: Scenario "bad": step 0: \/steps\/0\/say has \{\{who\}\}/);
      await api.mock.removeScenario('booking');
      expect(await api.mock.listScenarios()).toEqual([]);
    });
  });
});

describe('scenarios given at start', () => {
  it('load from the options, all or nothing: a bad one stops the start naming scenario, step and field', async () => {
    const bad = {
      ...booking,
      name: 'late',
      match: { to: '+14155550999' },
      steps: [{ say: 'hi' }, { expect: { within: 5 } }],
    };
    await expect(startMock({ port: 0, scenarios: [booking, bad as Scenario] })).rejects.toThrow(
      /^Scenario "late": step 1: \/steps\/1\/expect\/agent is required/,
    );
    const mock = await startMock({ port: 0, timeScale: 'manual', scenarios: [booking] });
    try {
      expect((await mock.listScenarios()).map((s) => s.name)).toEqual(['booking']);
    } finally {
      await mock.close();
    }
  });
});
