import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RunningMock, startMock } from '../exports/server.js';
import { CHROMIUM_HINT, HAS_CHROMIUM, launchChromium } from './support/chromium.js';

const SEEN_WITHIN = { timeout: 5_000 };

describe.skipIf(!HAS_CHROMIUM)(`the inspector's scenario view in Chromium (${CHROMIUM_HINT})`, () => {
  let mock: RunningMock;
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
    return (await response.json()) as T;
  }
  const advance = (seconds: number) => api('POST', '/__mock/clock/advance', { seconds });
  const step = (path: string) => page.locator(`.scenario-steps li[data-path="${path}"]`);

  beforeAll(async () => {
    mock = await startMock({
      port: 0,
      timeScale: 'manual',
      scenarios: [
        {
          name: 'booking',
          match: { to: '+15005550140' },
          steps: [
            { say: "Hi, I'd like to book a table." },
            {
              expect: {
                within: 10,
                branches: [
                  { agent: { contains: 'what time' }, steps: [{ say: 'Seven tonight.' }] },
                  { agent: { contains: 'fully booked' }, steps: [{ hangup: {} }] },
                ],
              },
            },
            { expect: { agent: { regex: 'booked|confirm' }, within: 10 } },
          ],
        },
      ],
    });
    browser = await launchChromium();
    page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    page.on('pageerror', (error) => pageErrors.push(error.message));
    await page.goto(`${mock.url}/__mock/ui`);
  });

  afterAll(async () => {
    await browser?.close();
    await mock?.close();
  });

  it('shows the script beside the transcript, each step’s verdict updating as the call goes', async () => {
    const agent = await api<{ id: string }>('POST', '/agents', { name: 'Bistro' });
    const call = await api<{ id: string }>('POST', '/calls', { to: '+15005550140', agentId: agent.id });
    const row = page.locator('#calls-rows tr', { hasText: call.id });
    await row.getByRole('button', { name: call.id }).click();
    await page.locator('#call-heading', { hasText: call.id }).waitFor(SEEN_WITHIN);

    const scenario = page.getByRole('region', { name: 'Scenario' });
    await scenario.getByText('booking').waitFor(SEEN_WITHIN);
    await scenario.locator('h3 .badge-running').waitFor(SEEN_WITHIN);
    expect(await page.locator('.scenario-steps li').count()).toBe(5);
    expect(await step('/steps/0').locator('.badge-pending').count()).toBe(1);

    await advance(4 + 1);
    await step('/steps/0').locator('.badge-passed').waitFor(SEEN_WITHIN);
    const transcript = page.getByRole('region', { name: 'Transcript' });
    await transcript.locator('.says-callee', { hasText: "I'd like to book a table" }).waitFor(SEEN_WITHIN);

    await api('POST', `/calls/${call.id}/respond`, { text: 'Sure, what time works?' });
    await step('/steps/1').locator('.badge-passed').waitFor(SEEN_WITHIN);
    await step('/steps/1/expect/branches/1/steps/0').locator('.badge-skipped').waitFor(SEEN_WITHIN);
    await step('/steps/1').getByText('(branch 1)').waitFor(SEEN_WITHIN);
    // Branch steps are drawn indented under their expect.
    const [top, inner] = await Promise.all([
      step('/steps/1').boundingBox(),
      step('/steps/1/expect/branches/0/steps/0').boundingBox(),
    ]);
    expect(inner?.x ?? 0).toBeGreaterThan(top?.x ?? 0);

    await advance(1);
    await api('POST', `/calls/${call.id}/respond`, { text: 'Please hold.' });
    await step('/steps/2').locator('.badge-failed').waitFor(SEEN_WITHIN);
    await scenario.locator('h3 .badge-failed').waitFor(SEEN_WITHIN);
    await scenario
      .locator('.scenario-reason', { hasText: 'step /steps/2: the agent said "Please hold."' })
      .waitFor(SEEN_WITHIN);
  });

  it('shows no scenario for a call that follows none', async () => {
    const agent = await api<{ id: string }>('POST', '/agents', { name: 'Plain' });
    const call = await api<{ id: string }>('POST', '/calls', { to: '+14155550123', agentId: agent.id });
    await page.locator('#calls-rows tr', { hasText: call.id }).getByRole('button', { name: call.id }).click();
    await page.locator('#call-heading', { hasText: call.id }).waitFor(SEEN_WITHIN);
    await page.locator('#call-body h3', { hasText: 'Transcript' }).waitFor(SEEN_WITHIN);
    expect(await page.getByRole('region', { name: 'Scenario' }).count()).toBe(0);
  });

  it('raised no script errors in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
