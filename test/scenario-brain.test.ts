import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { verifyWebhook } from '../client/webhooks.js';
import type { ScenarioRun } from '../mock/driver/mock-driver.js';
import { readBrainAnswer } from '../mock/webhooks/scenario-brain.js';
import { type MockApi, startTestMock } from './support/mock-api.js';

const NUMBER = '+15005550150';

/** A brain on a real port: each path answers its own way; `/hang` holds the request until released. */
function brainServer() {
  const bodies: Array<{ path: string; body: string; headers: IncomingMessage['headers'] }> = [];
  const held: ServerResponse[] = [];
  const server: Server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', () => {
      bodies.push({ path: req.url ?? '', body, headers: req.headers });
      const turn = (JSON.parse(body) as { turn: number }).turn;
      if (req.url === '/hang') held.push(res);
      else if (req.url === '/500') res.writeHead(500).end('boom');
      else if (req.url === '/garbage')
        res.writeHead(200, { 'content-type': 'application/json' }).end('{"sing": "la"}');
      else
        res
          .writeHead(200, { 'content-type': 'application/json' })
          .end(JSON.stringify(turn === 1 ? { say: 'Who is calling?' } : { hangup: true }));
    });
  });
  return { server, bodies, held };
}

let api: MockApi;
let brain: ReturnType<typeof brainServer>;
let brainUrl: string;

async function until(what: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 200; i++) {
    if (await what()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error('gave up waiting');
}

async function callWithBrain(path: string, timeoutMs = 2000) {
  await api.mock.defineScenario({
    name: `brain${path.replace('/', '-')}`,
    match: { to: NUMBER },
    brain: { url: `${brainUrl}${path}`, timeoutMs },
  });
  const call = await api.call(NUMBER);
  await api.advance(4);
  return call.id as string;
}

const settled = async (id: string) => {
  let run: ScenarioRun | undefined;
  await until(async () => {
    run = await api.mock.scenarioRun(id);
    return run.brainTurns.every((t) => t.latencyMs !== null);
  });
  return run as ScenarioRun;
};

describe('a scenario with a brain', () => {
  beforeAll(async () => {
    brain = brainServer();
    brain.server.listen(0, '127.0.0.1');
    await new Promise((resolve) => brain.server.once('listening', resolve));
    brainUrl = `http://127.0.0.1:${(brain.server.address() as AddressInfo).port}`;
    api = await startTestMock();
  });
  afterAll(async () => {
    await api.mock.close();
    for (const res of brain.held) res.end();
    brain.server.closeAllConnections();
    await new Promise((resolve) => brain.server.close(resolve));
  });
  beforeEach(async () => {
    await api.post('/__mock/reset');
    for (const s of await api.mock.listScenarios()) await api.mock.removeScenario(s.name);
    brain.bodies.length = 0;
  });

  it('is asked on the greeting and every utterance, signed; it speaks and hangs up; the run passes', async () => {
    const { body: hook } = await api.put('/texts/webhook', { url: 'https://example.com/hook' });
    const id = await callWithBrain('/talk');
    await until(async () => (await api.get(`/calls/${id}`)).body.transcript.length === 2);
    const first = brain.bodies[0];
    const event = verifyWebhook(first?.body ?? '', first?.headers ?? {}, hook.secret) as unknown as {
      type: string;
      turn: number;
      utterance: { kind: string; text: string };
      call: { id: string; transcript: unknown[] };
    };
    expect(event).toMatchObject({
      type: 'scenario.turn',
      turn: 1,
      utterance: { kind: 'speech' },
      call: { id },
    });
    expect((await api.get(`/calls/${id}`)).body.transcript.at(-1)).toMatchObject({
      speaker: 'callee',
      text: 'Who is calling?',
    });
    await api.post(`/calls/${id}/respond`, { text: 'The dentist, about tomorrow.' });
    await until(async () => (await api.get(`/calls/${id}`)).body.status === 'completed');
    const run = await settled(id);
    expect(run).toMatchObject({ status: 'passed', reason: null });
    expect(run.brainTurns.map((t) => [t.say, t.hangup, t.error])).toEqual([
      ['Who is calling?', false, null],
      [null, true, null],
    ]);
  });

  it('a brain that hangs fails the run after timeoutMs (real time), while the API answers at once', async () => {
    const id = await callWithBrain('/hang', 400);
    // The brain holds its first request; the API does not wait for it.
    await until(async () => brain.held.length === 1);
    const respond = await api.post(`/calls/${id}/respond`, { text: 'Hello?' });
    expect(respond.status).toBe(200);
    expect((await api.mock.scenarioRun(id)).brainTurns.map((t) => t.latencyMs)).toEqual([null, null]);
    const run = await settled(id);
    expect(run.status).toBe('failed');
    expect(run.reason).toBe('brain turn 1: timeout: no complete answer within 400 ms');
    expect((await api.get(`/calls/${id}`)).body.status).toBe('in-progress');
  });

  it("a brain at the mock's own admin API is never called: the run fails with the refusal", async () => {
    await api.mock.defineScenario({
      name: 'brain-own-admin',
      match: { to: NUMBER },
      brain: { url: `${api.mock.url}/__mock/reset`, timeoutMs: 2000 },
    });
    const call = await api.call(NUMBER);
    await api.advance(4);
    const run = await settled(call.id);
    expect(run).toMatchObject({
      status: 'failed',
      reason: "brain turn 1: refused: the target is the mock's own admin API",
    });
    // The reset was not sent: the call is still there.
    expect((await api.get(`/calls/${call.id}`)).status).toBe(200);
  });

  const failures: Array<[string, string]> = [
    ['/500', 'brain turn 1: the receiver answered 500'],
    ['/garbage', 'brain turn 1: the brain\'s answer is not {"say": "…"} or {"hangup": true}: {"sing": "la"}'],
  ];
  for (const [path, reason] of failures) {
    it(`a brain that answers ${path.slice(1)} fails the run with the reason`, async () => {
      const id = await callWithBrain(path);
      const run = await settled(id);
      expect(run).toMatchObject({ status: 'failed', reason });
      // Not asked again once the run has failed.
      await api.post(`/calls/${id}/respond`, { text: 'Anyone there?' });
      expect(brain.bodies).toHaveLength(1);
    });
  }
});

describe('readBrainAnswer', () => {
  const table: Array<[string, ReturnType<typeof readBrainAnswer> | 'garbage']> = [
    ['{"say": "Hi"}', { say: 'Hi', hangup: false }],
    ['{"hangup": true}', { say: null, hangup: true }],
    ['{"say": "Bye", "hangup": true}', { say: 'Bye', hangup: true }],
    ['{}', { say: null, hangup: false }],
    ['not json', 'garbage'],
    ['["say"]', 'garbage'],
    ['{"say": 3}', 'garbage'],
    ['{"say": ""}', 'garbage'],
    ['{"hangup": "yes"}', 'garbage'],
    ['{"say": "Hi", "mood": "happy"}', 'garbage'],
  ];
  for (const [given, want] of table) {
    it(`${given} → ${want === 'garbage' ? 'refused' : JSON.stringify(want)}`, () => {
      const read = readBrainAnswer(given);
      if (want === 'garbage') expect(read).toMatchObject({ error: expect.stringContaining('is not {"say"') });
      else expect(read).toEqual(want);
    });
  }
});
