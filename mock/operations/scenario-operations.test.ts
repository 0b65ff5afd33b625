import { beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type PipelineClient, pipelineClient } from '../../test/support/pipeline-client.js';
import { ScenarioError } from '../domain/scenarios/scenario-catalog.js';
import { loadScenarios } from './scenario-operations.js';

let c: PipelineClient;
beforeAll(async () => {
  c = await pipelineClient();
});
// A reset keeps the scenarios (like the users): each test removes them itself.
beforeEach(async () => {
  await c.post('/__mock/reset');
  for (const { name } of c.telephony.scenarios.catalog.list())
    await c.send('DELETE', `/__mock/scenarios/${name}`);
});

const BOOKING = {
  name: 'booking',
  match: { to: '+15005550140' },
  steps: [{ say: 'Hi, a table for two please.' }, { hangup: {} }],
};
const names = async () =>
  (await c.get('/__mock/scenarios')).body.scenarios.map((s: { name: string }) => s.name);

describe('the scenario operations', () => {
  it('a scenario put is listed, read back as given, and gone once deleted', async () => {
    const put = await c.put('/__mock/scenarios/booking', BOOKING);
    expect([put.status, put.body]).toEqual([200, BOOKING]);
    expect(await names()).toEqual(['booking']);
    expect((await c.get('/__mock/scenarios/booking')).body).toEqual(BOOKING);
    expect((await c.send('DELETE', '/__mock/scenarios/booking')).status).toBe(204);
    expect(await names()).toEqual([]);
    expect((await c.get('/__mock/scenarios/booking')).status).toBe(404);
  });

  it.each([
    [
      'a body that names another scenario than the path',
      '/__mock/scenarios/dinner',
      BOOKING,
      [400, 'scenario_name_mismatch', '/body/name'],
    ],
    // The domain's paths are inside the scenario; the answer's are inside the body.
    [
      'a scenario with neither steps nor a brain',
      '/__mock/scenarios/booking',
      { name: 'booking', match: { to: '+15005550140' } },
      [400, 'invalid_scenario', '/body/steps'],
    ],
    [
      'a number another scenario claims',
      '/__mock/scenarios/dinner',
      { ...BOOKING, name: 'dinner' },
      [409, 'scenario_conflict', '/body/match/to'],
    ],
  ])('%s is refused, pointing at the field', async (_name, path, body, [status, code, field]) => {
    await c.put('/__mock/scenarios/booking', BOOKING);
    const sent = await c.put(path, body);
    expect([sent.status, sent.body.code, sent.body.errors?.[0]?.path]).toEqual([status, code, field]);
    expect(await names()).toEqual(['booking']);
  });

  it('a call to the scenario’s number runs it: its run is read by call and listed by scenario', async () => {
    await c.put('/__mock/scenarios/booking', BOOKING);
    const agentId = (await c.post('/agents', { name: 'Desk' })).body.id;
    const callId = (await c.post('/calls', { to: '+15005550140', agentId })).body.id;
    const run = await c.get(`/__mock/calls/${callId}/scenario`);
    expect([run.status, run.body.callId, run.body.scenario, run.body.userId]).toEqual([
      200,
      callId,
      'booking',
      'demo',
    ]);
    const runs = await c.get('/__mock/scenario-runs', { search: 'scenario=booking' });
    expect([runs.body.count, runs.body.runs[0]?.callId]).toEqual([1, callId]);
    expect((await c.get('/__mock/scenario-runs', { search: 'scenario=dinner' })).body).toEqual({
      runs: [],
      count: 0,
    });
  });
});

describe('loadScenarios (a file, the config, code)', () => {
  it('defines every scenario given, in order', () => {
    const dinner = { ...BOOKING, name: 'dinner', match: { to: '+15005550141' } };
    loadScenarios(c.telephony, c.core.adminValidators, [BOOKING, dinner]);
    expect(c.telephony.scenarios.catalog.list().map((s) => s.name)).toEqual(['booking', 'dinner']);
  });

  it.each([
    ['one the schema refuses, by its name', [BOOKING, { ...BOOKING, name: 'dinner', match: {} }], 'dinner'],
    ['one without a name, by its place', [BOOKING, { match: { to: '+15005550141' } }], '#2 (no name)'],
    ['one that is not an object, by its place', [null], '#1 (no name)'],
    ['one whose name is not a string, by its place', [{ ...BOOKING, name: 7 }], '#1 (no name)'],
  ])('refuses %s, and defines none', (_name, values, scenario) => {
    let thrown: unknown;
    try {
      loadScenarios(c.telephony, c.core.adminValidators, values);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ScenarioError);
    expect((thrown as ScenarioError).scenario).toBe(scenario);
    expect((thrown as ScenarioError).errors.length).toBeGreaterThan(0);
    expect(c.telephony.scenarios.catalog.list()).toEqual([]);
  });

  it('a scenario only the domain refuses leaves the catalog as it was too', () => {
    const noSteps = { name: 'dinner', match: { to: '+15005550141' } };
    expect(() => loadScenarios(c.telephony, c.core.adminValidators, [BOOKING, noSteps])).toThrow(
      ScenarioError,
    );
    expect(c.telephony.scenarios.catalog.list()).toEqual([]);
  });
});
