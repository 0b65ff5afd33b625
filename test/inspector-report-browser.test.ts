import { mkdirSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningMock, startMock } from '../exports/server.js';
import { CHROMIUM_HINT, HAS_CHROMIUM, launchChromium } from './support/chromium.js';

if (!HAS_CHROMIUM) console.warn(`Skipping the Report tab browser test: ${CHROMIUM_HINT}`);

const SCREENSHOT = 'reports/inspector-report.png';
const SEEN_WITHIN = { timeout: 5_000 };

describe.skipIf(!HAS_CHROMIUM)(`the inspector's Report tab in Chromium (${CHROMIUM_HINT})`, () => {
  let mock: RunningMock;
  let app: Server;
  let browser: Browser;
  let page: Page;
  const pageErrors: string[] = [];

  async function api<T>(method: string, path: string, body?: unknown): Promise<T> {
    const response = await fetch(`${mock.url}${path}`, {
      method,
      headers: { authorization: 'Bearer demo-token', 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    expect(response.ok, `${method} ${path} → ${response.status}`).toBe(true);
    const text = await response.text();
    return (text ? JSON.parse(text) : undefined) as T;
  }

  beforeAll(async () => {
    mock = await startMock({ port: 0, timeScale: 'manual', logger: false });
    // The app: to every callee turn it answers "Tuesday at 3 pm" — right for one scenario, wrong for the other.
    app = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', async () => {
        const event = JSON.parse(body) as { type: string; data: { id: string } };
        if (event.type === 'call.callee.spoke')
          await api('POST', `/calls/${event.data.id}/respond`, { text: 'Your visit is on Tuesday at 3 pm.' });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => app.listen(0, '127.0.0.1', resolve));
    const webhookUrl = `http://127.0.0.1:${(app.address() as AddressInfo).port}/hooks`;
    await api('PUT', '/__mock/scenarios/confirms', {
      name: 'confirms',
      match: { to: ['+14155550101', '+14155550102', '+14155550103'] },
      steps: [
        { say: 'Which day is my appointment?' },
        { expect: { agent: { contains: 'Tuesday' }, within: 5 } },
        { hangup: {} },
      ],
    });
    await api('PUT', '/__mock/scenarios/reschedules', {
      name: 'reschedules',
      match: { to: ['+14155550201'] },
      steps: [
        { say: 'Can we move it to Thursday?' },
        { expect: { agent: { contains: 'Thursday' }, within: 5, onFail: 'hangup' } },
      ],
    });
    const agent = await api<{ id: string }>('POST', '/agents', { name: 'Clinic' });
    for (const to of ['+14155550101', '+14155550102', '+14155550103', '+14155550201'])
      await api('POST', '/calls', { to, agentId: agent.id, webhookUrl });
    // A second at a time, letting the app's answers arrive between seconds.
    for (let second = 0; second < 30; second++) {
      await api('POST', '/__mock/clock/advance', { seconds: 1 });
      await new Promise((resolve) => setTimeout(resolve, 30));
    }
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${mock.url}/__mock/ui`);
  });

  afterAll(async () => {
    await browser?.close();
    await mock?.close();
    await new Promise((resolve) => app?.close(resolve));
  });

  it('draws a pass-rate bar per scenario and the latency histogram from GET /__mock/report', async () => {
    const report = await api<{
      scenarios: Array<{ name: string; passRate: number }>;
      runs: { latencyMs: { count: number } };
    }>('GET', '/__mock/report');
    expect(report.scenarios.map((s) => [s.name, s.passRate])).toEqual([
      ['confirms', 100],
      ['reschedules', 0],
    ]);
    await page.getByRole('tab', { name: 'Report' }).click();
    const confirms = page.locator('.pass-rate-row[data-name="confirms"]');
    await confirms.waitFor(SEEN_WITHIN);
    expect(await confirms.locator('text.chart-value').textContent()).toBe('100 % passed');
    expect(await page.locator('.pass-rate-row[data-name="reschedules"] text.chart-value').textContent()).toBe(
      '0 % passed',
    );
    // The bars are as wide as their share of the runs: all green for confirms, all red for reschedules.
    const width = (row: string, kind: string) =>
      page.locator(`.pass-rate-row[data-name="${row}"] .bar-${kind}`).getAttribute('width');
    expect(Number(await width('confirms', 'passed'))).toBeGreaterThan(0);
    expect(Number(await width('confirms', 'failed'))).toBe(0);
    expect(Number(await width('reschedules', 'passed'))).toBe(0);

    // Every answer the app gave (4 calls, one turn each) is in the histogram, in the first bucket's range or later.
    const counts = await page.locator('.latency-histogram .histogram-bar text.chart-value').allTextContents();
    expect(counts.map(Number).reduce((a, b) => a + b, 0)).toBe(report.runs.latencyMs.count);
    expect(report.runs.latencyMs.count).toBe(4);
    await page.locator('.report-failures', { hasText: 'reschedules' }).waitFor(SEEN_WITHIN);

    mkdirSync('reports', { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    expect(pageErrors).toEqual([]);
  });
});
