// The reminder campaign against a real telemock server on a free port: 200 patients of a population,
// webhooks delivered at least once and out of order, and the report as the judge.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createTelephonyClient } from 'telemock';
import { type RunningMock, startMock } from 'telemock/server';
import { afterAll, beforeAll, beforeEach, describe, it } from 'vitest';
import { dialReminders, reminderApp } from './campaign.js';
import {
  atLeastOnce,
  expectCaught,
  expectHeldUp,
  patients,
  reminders,
  untilQuiet,
} from './campaign-cases.js';

let mock: RunningMock;
let app: Server;
let hook = '';
let secret = '';
let clinic: ReturnType<typeof reminderApp>;
let inFlight = 0;
const api = () => createTelephonyClient({ baseUrl: mock.url, token: 'demo-token' });

beforeAll(async () => {
  mock = await startMock({
    port: 0,
    timeScale: 'manual',
    // A clinic's account with room for 200 calls, their answers and the app's reconciling reads.
    rateLimit: 10_000,
    scenarios: reminders.scenarios,
    populations: reminders.populations,
    webhookDelivery: atLeastOnce,
  });
  app = createServer((req, res) => {
    inFlight++;
    let body = '';
    req.on('data', (chunk) => {
      body += chunk;
    });
    req.on('end', async () => {
      try {
        await clinic.handle(body, req.headers as Record<string, string>);
        res.writeHead(204).end();
      } catch {
        res.writeHead(400).end();
      } finally {
        inFlight--;
      }
    });
  });
  await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
  hook = `http://127.0.0.1:${(app.address() as AddressInfo).port}/hooks/calls`;
});
afterAll(async () => {
  await mock.close();
  await new Promise((resolve) => app.close(resolve));
});
beforeEach(async () => {
  await mock.reset();
  secret = (await api().PUT('/texts/webhook', { body: { url: hook } })).data?.secret ?? '';
});

/** The morning on the mock's clock: a second at a time, the app's answers in between. */
async function runMorning(): Promise<void> {
  for (let second = 0; second < 90; second++) {
    // The app's own timer: every few seconds it reconciles its calls with the API.
    if (second % 4 === 3) await clinic.reconcile();
    await mock.clock.advance(1);
    await untilQuiet(
      async () => (await mock.report()).webhooks.attempts,
      () => inFlight > 0,
    );
  }
}

async function campaign(dedupe: boolean) {
  clinic = reminderApp(api(), () => secret, { dedupe });
  const agent = await api().POST('/agents', { body: { name: 'Clinic' } });
  if (!agent.data) throw new Error(`no agent: ${agent.error?.detail}`);
  await dialReminders(api(), patients, agent.data.id, hook);
  await runMorning();
  return mock.report();
}

describe('an appointment-reminder campaign, against telemock on a port (startMock)', () => {
  it('an app that deduplicates by webhook-id holds up: ≥ 99 % passed, no double answer', async () => {
    expectHeldUp(await campaign(true));
  }, 120_000);

  it('the naive app (no deduplication) is caught: the report names its double answers', async () => {
    const report = await campaign(false);
    expectCaught(report, await mock.scenarioRuns());
  }, 120_000);
});
