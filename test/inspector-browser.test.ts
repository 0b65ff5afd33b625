import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningMock, startMock } from '../exports/server.js';
import { CHROMIUM_HINT, HAS_CHROMIUM, launchChromium } from './support/chromium.js';

if (!HAS_CHROMIUM) console.warn(`Skipping the inspector browser tests: ${CHROMIUM_HINT}`);

const SCREENSHOT = 'reports/inspector.png';
// Polling is once a second; give each change a few polls before calling it missing.
const SEEN_WITHIN = { timeout: 5_000 };

describe.skipIf(!HAS_CHROMIUM)(`the inspector in Chromium (${CHROMIUM_HINT})`, () => {
  let mock: RunningMock;
  let browser: Browser;
  let page: Page;
  let failingReceiver: Server;
  const pageErrors: string[] = [];

  /** A request to the mock as the integrator's app (demo-token) or the test (admin API) makes it. */
  async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${mock.url}${path}`, {
      method,
      headers: { authorization: 'Bearer demo-token', 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    expect(response.ok, `${method} ${path} → ${response.status}`).toBe(true);
    return (await response.json()) as T;
  }
  const advance = (seconds: number) => api('POST', '/__mock/clock/advance', { seconds });
  const callRow = (callId: string) => page.locator('#calls-rows tr', { hasText: callId });

  beforeAll(async () => {
    mock = await startMock({ port: 0, timeScale: 'manual' });
    failingReceiver = createServer((_req, res) => res.writeHead(500).end('receiver is down'));
    await new Promise<void>((resolve) => failingReceiver.listen(0, '127.0.0.1', resolve));
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 800 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    const response = await page.goto(`${mock.url}/__mock/ui`);
    expect(response?.status(), 'startMock must serve inspectorAssets() under /__mock/ui').toBe(200);
  });

  afterAll(async () => {
    await browser?.close();
    await mock?.close();
    await new Promise((resolve) => failingReceiver?.close(resolve));
  });

  it('shows a new call and moves it through ringing → answered → completed as the clock advances', async () => {
    const agent = await api<{ id: string }>('POST', '/agents', { name: 'Ada the booking agent' });
    // +15005550015: answered, then the callee hangs up 5 s later.
    const call = await api<{ id: string }>('POST', '/calls', { to: '+15005550015', agentId: agent.id });

    await callRow(call.id).locator('.badge-queued').waitFor(SEEN_WITHIN);
    await callRow(call.id).getByRole('button', { name: call.id }).click();
    await page.locator('#call-heading', { hasText: call.id }).waitFor(SEEN_WITHIN);

    await advance(1);
    await callRow(call.id).locator('.badge-ringing').waitFor(SEEN_WITHIN);
    await page
      .locator('.timeline li.reached', { hasText: 'ringing' })
      .getByText('+1.0 s')
      .waitFor(SEEN_WITHIN);

    await advance(3);
    await callRow(call.id).locator('.badge-in-progress').waitFor(SEEN_WITHIN);
    await page
      .locator('.timeline li.reached', { hasText: 'answered' })
      .getByText('+4.0 s')
      .waitFor(SEEN_WITHIN);
    await page.locator('#call-body').getByText('Hello, this is Ada the booking agent').waitFor(SEEN_WITHIN);

    // A remote event from the page: the callee says something, in the transcript at once.
    await page.getByLabel('Callee says').fill('Can you call back tomorrow?');
    await page.getByRole('button', { name: 'Say it' }).click();
    await page
      .locator('#call-body .says-callee', { hasText: 'Can you call back tomorrow?' })
      .waitFor(SEEN_WITHIN);

    await advance(5);
    await callRow(call.id).locator('.badge-completed').waitFor(SEEN_WITHIN);
    await page
      .locator('.timeline li.reached', { hasText: 'completed' })
      .getByText('+9.0 s')
      .waitFor(SEEN_WITHIN);
    await page.locator('.facts dd', { hasText: 'callee-hangup' }).waitFor(SEEN_WITHIN);

    mkdirSync('reports', { recursive: true });
    await page.screenshot({ path: SCREENSHOT });

    // The user filter: another user sees none of demo's calls.
    await page.getByLabel('User', { exact: true }).selectOption('other');
    await page.locator('#calls-rows', { hasText: 'No calls yet.' }).waitFor(SEEN_WITHIN);
    expect(await callRow(call.id).count()).toBe(0);
    await page.getByLabel('User', { exact: true }).selectOption('');
    await callRow(call.id).waitFor(SEEN_WITHIN);
  });

  it('sends an inbound SMS from the page and shows it in the conversation', async () => {
    // The tabs follow the WAI-ARIA pattern: arrow keys move between them and show the panel.
    await page.getByRole('tab', { name: 'Calls' }).focus();
    await page.keyboard.press('ArrowRight');
    expect(await page.getByRole('tab', { name: 'SMS' }).getAttribute('aria-selected')).toBe('true');
    expect(await page.locator('#panel-texts').isVisible()).toBe(true);
    expect(await page.locator('#panel-calls').isVisible()).toBe(false);
    await page.getByLabel('To user').selectOption('demo');
    await page.getByLabel('From').fill('+14155550777');
    await page.getByLabel('Message').fill('Is my order on its way?');
    await page.getByRole('button', { name: 'Send SMS' }).click();

    await page.locator('#conversations button', { hasText: '+14155550777' }).waitFor(SEEN_WITHIN);
    const sms = page.locator('#conversation-body .sms-inbound', { hasText: 'Is my order on its way?' });
    await sms.locator('.badge-received').waitFor(SEEN_WITHIN);
    // The page really went through the admin API: the user's app sees the SMS too.
    const inbox = await api<{ data: Array<{ from: string; body: string }> }>(
      'GET',
      '/texts?direction=inbound',
    );
    expect(inbox.data).toContainEqual(
      expect.objectContaining({ from: '+14155550777', body: 'Is my order on its way?' }),
    );
  });

  it('shows every attempt of a failing webhook, and redelivers it', async () => {
    const { port } = failingReceiver.address() as AddressInfo;
    const agent = await api<{ id: string }>('POST', '/agents', { name: 'Hook agent' });
    await api('POST', '/calls', {
      to: '+14155550111',
      agentId: agent.id,
      webhookUrl: `http://127.0.0.1:${port}/hook`,
    });
    await advance(1); // → ringing: the first attempt fails with 500
    await new Promise((resolve) => setTimeout(resolve, 300));
    await advance(5); // the first retry falls due 5 s later

    await page.getByRole('tab', { name: 'Webhooks' }).click();
    const delivery = page.locator('#deliveries details', { hasText: 'call.ringing' });
    await delivery.locator('summary', { hasText: '2 attempts' }).waitFor(SEEN_WITHIN);
    await delivery.locator('summary').click();
    const attempts = delivery.locator('table.attempts tbody tr');
    expect(await attempts.count()).toBe(2);
    expect(await attempts.nth(0).textContent()).toContain('500');

    await delivery.getByRole('button', { name: 'Redeliver' }).click();
    await delivery.locator('summary', { hasText: '3 attempts' }).waitFor(SEEN_WITHIN);
  });

  it('injects a fault for the next N requests, and resets the mock, from the page', async () => {
    await page.getByRole('tab', { name: 'Faults' }).click();
    await page.getByLabel('Operation to fail').fill('listAgents');
    await page.getByLabel('For the next N requests').fill('2');
    await page.getByRole('button', { name: 'Inject fault' }).click();
    await page
      .locator('#faults li', { hasText: 'listAgents' })
      .getByText('for 2 more requests')
      .waitFor(SEEN_WITHIN);
    const listAgents = () => fetch(`${mock.url}/agents`, { headers: { authorization: 'Bearer demo-token' } });
    expect((await listAgents()).status).toBe(500);
    await page.locator('#faults li', { hasText: 'for 1 more request' }).waitFor(SEEN_WITHIN);

    await page.getByRole('button', { name: 'Reset…' }).click();
    await page.getByRole('button', { name: 'Confirm reset' }).click();
    await page.locator('#faults li', { hasText: 'None: every request works.' }).waitFor(SEEN_WITHIN);
    expect((await listAgents()).status).toBe(200);
    await page.getByRole('tab', { name: 'Calls' }).click();
    await page.locator('#calls-rows', { hasText: 'No calls yet.' }).waitFor(SEEN_WITHIN);
  });

  it('stays responsive with 10,000 calls in the store: one page of 50 at a time', async () => {
    const { telephony } = mock;
    const agent = telephony.agents.create('demo', { name: 'Bulk agent' });
    for (let i = 0; i < 10_000; i++) {
      telephony.calls.create('demo', '+15005550100', { to: '+14155550111', agentId: agent.id });
    }
    await page.getByRole('tab', { name: 'Calls' }).click();
    await page.locator('#calls-range', { hasText: '1–50 of 10,000' }).waitFor(SEEN_WITHIN);
    expect(await page.locator('#calls-rows tr').count()).toBe(50);
    await page.getByRole('button', { name: 'Older' }).click();
    await page.locator('#calls-range', { hasText: '51–100 of 10,000' }).waitFor(SEEN_WITHIN);
    // Each poll stays cheap: time the page's own request for a page of calls.
    const took = await page.evaluate(async () => {
      const started = performance.now();
      await (await fetch('/__mock/calls?limit=50')).json();
      return performance.now() - started;
    });
    console.log(`the page's request for 50 of 10,000 calls took ${took.toFixed(1)} ms`);
    expect(took).toBeLessThan(500);
  });

  it('raised no script errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
