import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setupServer } from 'msw/node';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createTelephonyClient, type TelephonyClient } from '../client/client.js';
import { createHandlers } from '../exports/msw.js';
import { connectMock, startMock } from '../exports/server.js';
import { MockAdminError } from '../mock/driver/admin-call.js';
import type { MockDriver, Scenario } from '../mock/driver/mock-driver.js';

// The test driver, once per handle: startMock's (in the process, over Express), the MSW handle's
// (in the process, no port) and connectMock's (over HTTP to a mock on a port). Same calls, same
// answers, same refusals — each refusal compared with what the admin API answers over HTTP.

interface Handle {
  driver: MockDriver;
  /** Where the API and the admin API answer (MSW intercepts its base URL). */
  url: string;
  close(): Promise<void>;
}

const MSW_BASE = 'https://api.driver.test';
const options = { timeScale: 'manual', seed: 7 } as const;

const HANDLES: Array<[string, () => Promise<Handle>]> = [
  [
    'startMock (in process, Express)',
    async () => {
      const mock = await startMock({ port: 0, ...options });
      return { driver: mock, url: mock.url, close: () => mock.close() };
    },
  ],
  [
    'createHandlers (in process, MSW)',
    async () => {
      const mock = createHandlers({ baseUrl: MSW_BASE, ...options });
      // The webhook receiver is a real server: requests MSW does not answer go through.
      const server = setupServer(...mock.handlers);
      server.listen({ onUnhandledRequest: 'bypass' });
      return {
        driver: mock,
        url: MSW_BASE,
        close: async () => {
          mock.telephony.clock.clear();
          server.close();
        },
      };
    },
  ],
  [
    'connectMock (over HTTP)',
    async () => {
      const served = await startMock({ port: 0, ...options });
      const mock = await connectMock(served.url);
      return { driver: mock, url: mock.url, close: () => served.close() };
    },
  ],
];

// The app's webhook endpoint: answers every delivery with 204, and counts them.
let receiver: Server;
let hook = '';
let received = 0;
beforeAll(async () => {
  receiver = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      received++;
      res.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;
});
afterAll(() => new Promise((resolve) => receiver.close(resolve)));

/** What the driver threw: a MockAdminError, whose problem is returned. */
async function refusal(promise: Promise<unknown>) {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(MockAdminError);
  return (error as MockAdminError).problem;
}

const sansRequestId = ({ requestId: _, ...rest }: { requestId: string }) => rest;

const booking: Scenario = {
  name: 'greeter',
  match: { to: '+15005550140' },
  answer: { after: 2, by: 'human' },
  steps: [{ say: 'Hello?' }, { expect: { agent: { contains: 'welcome' }, within: 5 } }, { hangup: {} }],
};

for (const [name, start] of HANDLES) {
  describe(`the test driver: ${name}`, () => {
    let handle: Handle;
    let mock: MockDriver;
    let api: TelephonyClient;
    beforeAll(async () => {
      handle = await start();
      mock = handle.driver;
      // After MSW's listen(): the client keeps the fetch it finds.
      api = createTelephonyClient({ baseUrl: handle.url, token: 'demo-token' });
    });
    afterAll(() => handle.close());
    beforeEach(async () => {
      await mock.reset();
      received = 0;
    });

    /** The admin API's answer over HTTP, to compare a driver's refusal with. */
    async function overHttp(
      method: string,
      path: string,
      body?: unknown,
      headers: Record<string, string> = {},
    ) {
      const response = await fetch(`${handle.url}${path}`, {
        method,
        headers: { ...headers, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return (await response.json()) as { requestId: string; status: number; code: string };
    }

    async function dial(to = '+14155550123') {
      const agent = await api.POST('/agents', { body: { name: 'Desk' } });
      const call = await api.POST('/calls', { body: { to, agentId: agent.data?.id ?? '' } });
      return call.data?.id ?? '';
    }

    it('reads, advances, sets and scales the clock', async () => {
      const before = await mock.clock.get();
      expect(before.scale).toBe('manual');
      expect((await mock.clock.advance(5)).epochMs).toBe(before.epochMs + 5000);
      const later = new Date(before.epochMs + 60_000);
      expect((await mock.clock.set(later)).now).toBe(later.toISOString());
      expect((await mock.clock.scale(10)).scale).toBe(10);
      expect((await mock.clock.scale('manual')).scale).toBe('manual');
      const back = await refusal(mock.clock.set(new Date(before.epochMs)));
      expect(back).toMatchObject({ status: 409, code: 'clock_cannot_go_back' });
      const wire = await overHttp('PUT', '/__mock/clock', { now: new Date(before.epochMs).toISOString() });
      expect(sansRequestId(back)).toEqual(sansRequestId(wire));
    });

    it('makes the callee speak and hang up, for the call’s owner', async () => {
      const callId = await dial();
      const answered = await mock.runUntil({ callId, status: 'in-progress' });
      expect(answered.status).toBe('in-progress');
      const said = await mock.calls.calleeSays(callId, 'Is anyone there?');
      expect(said.transcript.at(-1)).toMatchObject({ speaker: 'callee', text: 'Is anyone there?' });
      const ended = await mock.calls.calleeHangsUp(callId);
      expect(ended).toMatchObject({ status: 'completed', endedReason: 'callee-hangup' });
      const late = await refusal(mock.calls.calleeSays(callId, 'Hello?'));
      expect(late).toMatchObject({ status: 409, code: 'call_ended' });
      const wire = await overHttp(
        'POST',
        `/__mock/calls/${callId}/events`,
        { type: 'callee-says', text: 'Hello?' },
        { authorization: 'Bearer demo-token' },
      );
      expect(sansRequestId(late)).toEqual(sansRequestId(wire));
      // Another user's token does not own the call: 404, as over HTTP.
      const other = await refusal(mock.calls.calleeHangsUp(callId, { token: 'demo-token-other' }));
      expect(other).toMatchObject({ status: 404, code: 'call_not_found' });
    });

    it('makes an SMS arrive for the first user, or the one named, and delivers it to the webhook', async () => {
      await api.PUT('/texts/webhook', { body: { url: hook } });
      const sms = await mock.texts.inbound({ from: '+14155550123', body: 'Running late' });
      expect(sms).toMatchObject({ direction: 'inbound', from: '+14155550123', body: 'Running late' });
      const other = await mock.texts.inbound({ from: '+14155550123', body: 'Hi' }, { userId: 'other' });
      expect(other.to).not.toBe(sms.to);
      const byToken = await mock.texts.inbound({ from: '+14155550123', body: 'Hi' }, { token: 'demo-token' });
      expect(byToken.to).toBe(sms.to);
      const delivered = await mock.runUntil(async () => {
        const done = (await mock.webhooks.list({ userId: 'demo' })).filter((d) => d.status === 'succeeded');
        return done.length === 2 ? done : undefined;
      });
      expect(delivered.map((d) => d.type)).toEqual(['text.received', 'text.received']);
      expect(received).toBe(2);
      const bad = await refusal(mock.texts.inbound({ from: '12', body: '' }));
      expect(bad).toMatchObject({ status: 400, code: 'validation_failed' });
      const wire = await overHttp(
        'POST',
        '/__mock/texts/inbound',
        { from: '12', body: '' },
        { authorization: 'Bearer demo-token' },
      );
      expect(sansRequestId(bad)).toEqual(sansRequestId(wire));
      const unknown = await refusal(
        mock.texts.inbound({ from: '+14155550123', body: 'x' }, { token: 'nope' }),
      );
      expect(unknown).toMatchObject({ status: 401, code: 'invalid_token' });
    });

    it('lists deliveries and sends one again', async () => {
      await api.PUT('/texts/webhook', { body: { url: hook } });
      await mock.texts.inbound({ from: '+14155550123', body: 'Hello' });
      await mock.runUntil(async () => (await mock.webhooks.list())[0]?.status === 'succeeded');
      const [delivery] = await mock.webhooks.list();
      const again = await mock.webhooks.redeliver(delivery?.id ?? '');
      expect(again.attempts).toHaveLength(2);
      const settled = await mock.runUntil(async () => {
        const [d] = await mock.webhooks.list();
        return d?.status === 'succeeded' && d.attempts.length === 2 ? d : undefined;
      });
      expect(settled.attempts.map((a) => a.statusCode)).toEqual([204, 204]);
      expect(received).toBe(2);
      const missing = await refusal(mock.webhooks.redeliver('evt_0000000000000000'));
      expect(missing).toMatchObject({ status: 404, code: 'delivery_not_found' });
      const wire = await overHttp('POST', '/__mock/webhooks/evt_0000000000000000/redeliver');
      expect(sansRequestId(missing)).toEqual(sansRequestId(wire));
    });

    it('injects faults and clears them', async () => {
      const fault = await mock.faults.inject({ operationId: 'createAgent', status: 503, count: 1 });
      expect(fault).toMatchObject({ operationId: 'createAgent', status: 503, remaining: 1 });
      expect(await mock.faults.list()).toHaveLength(1);
      expect((await api.POST('/agents', { body: { name: 'Desk' } })).response.status).toBe(503);
      expect((await api.POST('/agents', { body: { name: 'Desk' } })).response.status).toBe(201);
      await mock.faults.inject({ operationId: 'createAgent' });
      await mock.faults.clear();
      expect(await mock.faults.list()).toEqual([]);
      const unknown = await refusal(mock.faults.inject({ operationId: 'flyToTheMoon' }));
      expect(unknown).toMatchObject({ status: 400, code: 'unknown_operation' });
      const wire = await overHttp('POST', '/__mock/faults', { operationId: 'flyToTheMoon' });
      expect(sansRequestId(unknown)).toEqual(sansRequestId(wire));
    });

    it('exports the state and imports it back, all or nothing', async () => {
      const callId = await dial();
      const saved = await mock.state.export();
      expect(saved.users.demo?.calls.map((c) => c.call.id)).toEqual([callId]);
      await mock.reset();
      expect((await mock.state.export()).users.demo?.calls ?? []).toEqual([]);
      await mock.state.import(saved);
      expect((await api.GET('/calls/{callId}', { params: { path: { callId } } })).data?.id).toBe(callId);
      const broken = { ...saved, version: 2 } as unknown as typeof saved;
      const refused = await refusal(mock.state.import(broken));
      expect(refused).toMatchObject({ status: 400 });
      const wire = await overHttp('PUT', '/__mock/state', broken);
      expect(sansRequestId(refused)).toEqual(sansRequestId(wire));
    });

    it('finds the requests the app made', async () => {
      const callId = await dial();
      const created = await mock.requests({ operationId: 'createCall' });
      expect(created.map((r) => r.status)).toEqual([201]);
      expect(await mock.requests({ callId })).toHaveLength(1);
      await mock.reset();
      expect(await mock.requests()).toEqual([]);
    });

    it('defines, lists and removes scenarios, and reads their runs', async () => {
      expect(await mock.defineScenario(booking)).toMatchObject({ name: 'greeter' });
      expect((await mock.listScenarios()).map((s) => s.name)).toEqual(['greeter']);
      const callId = await dial('+15005550140');
      const calleeSpoke = async () => {
        const call = await api.GET('/calls/{callId}', { params: { path: { callId } } });
        return call.data?.transcript.some((line) => line.speaker === 'callee');
      };
      await mock.runUntil(calleeSpoke);
      await api.POST('/calls/{callId}/respond', { params: { path: { callId } }, body: { text: 'Welcome!' } });
      const run = await mock.runUntil({ callId, scenarioRun: 'ended' });
      expect(run).toMatchObject({ callId, scenario: 'greeter', status: 'passed' });
      expect(await mock.scenarioRun(callId)).toEqual(run);
      expect((await mock.scenarioRuns({ status: 'passed' })).map((r) => r.callId)).toEqual([callId]);
      expect(await mock.scenarioRuns({ status: 'failed' })).toEqual([]);
      await mock.removeScenario('greeter');
      expect(await mock.listScenarios()).toEqual([]);
      const gone = await refusal(mock.removeScenario('greeter'));
      expect(gone).toMatchObject({ status: 404 });
      expect(sansRequestId(gone)).toEqual(
        sansRequestId(await overHttp('DELETE', '/__mock/scenarios/greeter')),
      );
      const bad = await refusal(mock.defineScenario({ ...booking, steps: [{ say: '{{who}}' }] }));
      expect(bad.detail).toMatch(/^Scenario "greeter": step 0: \/steps\/0\/say has \{\{who\}\}/);
    });

    it('runs until a call reaches a status, an ending or any of several', async () => {
      const start = (await mock.clock.get()).epochMs;
      const callId = await dial();
      const ringing = await mock.runUntil({ callId, status: 'ringing' });
      expect(ringing.status).toBe('ringing');
      expect((await mock.clock.get()).epochMs - start).toBe(1000);
      const busy = await dial('+15005550011');
      expect((await mock.runUntil({ callId: busy, status: 'ended' })).status).toBe('busy');
      const either = await mock.runUntil({ callId, status: ['completed', 'in-progress'] });
      expect(either.status).toBe('in-progress');
    });

    it('works on a running clock too (it waits there instead of stepping)', async () => {
      await mock.clock.scale(100);
      try {
        const before = await mock.clock.get();
        const busy = await dial('+15005550011');
        expect((await mock.runUntil({ callId: busy, status: 'ended' })).status).toBe('busy');
        // Rings 1 s, busy 5 s later: the clock ran at least that far by itself.
        expect((await mock.clock.get()).epochMs - before.epochMs).toBeGreaterThanOrEqual(6000);
      } finally {
        await mock.clock.scale('manual');
      }
    });

    it('says what it waited for, and how long, when it never happens', async () => {
      const callId = await dial();
      await expect(mock.runUntil({ callId, status: 'completed' }, { maxSeconds: 5 })).rejects.toThrow(
        `runUntil: call ${callId} reaching completed did not happen within 5 s of the mock's clock (waited 5 s; it is in-progress).`,
      );
      const busy = await dial('+15005550011');
      await expect(mock.runUntil({ callId: busy, status: 'completed' })).rejects.toThrow(
        `runUntil: call ${busy} reaching completed will never happen: it ended busy.`,
      );
      const noRun = await refusal(mock.runUntil({ callId, scenarioRun: 'ended' }));
      expect(noRun).toMatchObject({ status: 404 });
      const deliveredTwice = async () => received >= 2;
      await expect(mock.runUntil(deliveredTwice, { maxSeconds: 2, step: 0.5 })).rejects.toThrow(
        "runUntil: the condition deliveredTwice did not happen within 2 s of the mock's clock (waited 2 s; it gave false).",
      );
      await expect(mock.runUntil(() => true, { maxSeconds: -1 })).rejects.toThrow(/maxSeconds must be/);
      const unknown = await refusal(mock.runUntil({ callId: 'call_0000000000000000', status: 'ended' }));
      expect(unknown).toMatchObject({ status: 404, code: 'call_not_found' });
    });

    it('defines populations, sets how webhooks are delivered, and reports', async () => {
      const population = {
        name: 'busy-lines',
        match: { to: { prefix: '+1415555019' } },
        mix: [{ outcome: 'busy' as const, weight: 1 }],
      };
      expect(await mock.definePopulation(population)).toMatchObject({ name: 'busy-lines' });
      expect((await mock.listPopulations()).map((p) => p.name)).toEqual(['busy-lines']);
      const busy = await dial('+14155550190');
      expect((await mock.runUntil({ callId: busy, status: 'ended' })).status).toBe('busy');
      const report = await mock.report();
      expect(report.calls.byStatus).toMatchObject({ busy: 1 });
      expect(report.populations.map((p) => [p.name, p.calls])).toEqual([['busy-lines', 1]]);
      await mock.removePopulation('busy-lines');
      expect(await mock.listPopulations()).toEqual([]);
      const gone = await refusal(mock.removePopulation('busy-lines'));
      expect(sansRequestId(gone)).toEqual(
        sansRequestId(await overHttp('DELETE', '/__mock/populations/busy-lines')),
      );

      const chaos = { duplicate: 0.5, delay: { min: 0, max: 2 } };
      expect(await mock.webhooks.setDelivery(chaos)).toMatchObject(chaos);
      expect(await mock.webhooks.delivery()).toMatchObject(chaos);
      await mock.webhooks.setDelivery({});
      const tooLikely = await refusal(mock.webhooks.setDelivery({ duplicate: 2 }));
      expect(tooLikely).toMatchObject({ status: 400, code: 'validation_failed' });
      expect(sansRequestId(tooLikely)).toEqual(
        sansRequestId(await overHttp('PUT', '/__mock/webhook-delivery', { duplicate: 2 })),
      );
    });

    it('forgets everything on reset', async () => {
      await dial();
      await mock.faults.inject({ operationId: 'createCall' });
      await mock.reset();
      expect(await mock.requests()).toEqual([]);
      expect(await mock.faults.list()).toEqual([]);
      expect((await mock.state.export()).users.demo?.calls ?? []).toEqual([]);
    });
  });
}

describe('connectMock', () => {
  it('fails at once, saying why, when no mock answers at the URL', async () => {
    const server = createServer((_req, res) => res.writeHead(404).end('nothing here'));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    await expect(connectMock(url)).rejects.toThrow(
      `connectMock: no telemock admin API at ${url}: getClock: GET ${url}/__mock/clock answered 404: nothing here`,
    );
    await new Promise((resolve) => server.close(resolve));
  });

  it('sends the admin token a mock off 127.0.0.1 asks for', async () => {
    const served = await startMock({ port: 0, timeScale: 'manual', adminToken: 'sesame' });
    try {
      await expect(connectMock(served.url)).rejects.toThrow(/answered 401: .*X-Admin-Token/);
      const mock = await connectMock(served.url, { adminToken: 'sesame' });
      expect((await mock.clock.advance(2)).scale).toBe('manual');
    } finally {
      await served.close();
    }
  });
});

describe('startMock with a state file', () => {
  it('writes what a change through the driver did, as it does for a request', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'telemock-driver-'));
    const stateFile = join(dir, 'state.json');
    const source = await startMock({ port: 0, timeScale: 'manual' });
    const api = createTelephonyClient({ baseUrl: source.url, token: 'demo-token' });
    const agent = await api.POST('/agents', { body: { name: 'Desk' } });
    const saved = await source.state.export();
    await source.close();
    const mock = await startMock({ port: 0, timeScale: 'manual', stateFile });
    try {
      // An import changes the state without any event on the clock: only the driver can say so.
      await mock.state.import(saved);
      // Written shortly after the change (500 ms), not only at close.
      const id = agent.data?.id ?? 'no agent';
      await vi.waitFor(() => expect(readFileSync(stateFile, 'utf8')).toContain(id), { timeout: 5000 });
    } finally {
      await mock.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
