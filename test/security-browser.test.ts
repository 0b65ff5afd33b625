import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_HINT, HAS_CHROMIUM, launchChromium } from './support/chromium.js';
import { type MockApi, startTestMock } from './support/mock-api.js';

if (!HAS_CHROMIUM) console.warn(`Skipping the attacker browser test: ${CHROMIUM_HINT}`);

// Chromium resolves these to 127.0.0.1: a site the user visits, and a name rebound to the mock.
const EVIL = 'evil.example';
const REBOUND = 'rebound.example';

type Attempt = { status: number; text: string } | { blocked: string };

describe.skipIf(!HAS_CHROMIUM)(`a page on another origin attacks the mock (${CHROMIUM_HINT})`, () => {
  let api: MockApi;
  let evil: Server;
  let evilOrigin: string;
  let browser: Browser;
  let page: Page;
  let secret: string;
  let callId: string;
  let clockAt: number;

  beforeAll(async () => {
    api = await startTestMock();
    evil = createServer((_req, res) =>
      res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>cats</title>'),
    );
    await new Promise<void>((resolve) => evil.listen(0, '127.0.0.1', resolve));
    evilOrigin = `http://${EVIL}:${(evil.address() as AddressInfo).port}`;
    browser = await launchChromium([`--host-resolver-rules=MAP ${EVIL} 127.0.0.1, MAP ${REBOUND} 127.0.0.1`]);
    page = await browser.newPage();
    expect((await page.goto(evilOrigin))?.status()).toBe(200);
    secret = (await api.put('/texts/webhook', { url: 'https://app.example.com/hooks/sms' })).body.secret;
    callId = (await api.call()).id;
    clockAt = (await api.get('/__mock/clock')).body.epochMs;
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await api?.mock.close();
    await new Promise((resolve) => evil?.close(resolve));
  });

  // Runs fetch in the attacker's page: what it can read, or how the browser stopped it.
  const attempt = (url: string, init: RequestInit = {}) =>
    page.evaluate(
      async ({ url, init }): Promise<Attempt> => {
        try {
          const response = await fetch(url, init);
          return { status: response.status, text: await response.text() };
        } catch (error) {
          return { blocked: String(error) };
        }
      },
      { url, init },
    );

  const unchanged = async () => {
    expect((await api.get(`/calls/${callId}`)).status).toBe(200);
    expect((await api.get('/texts/webhook')).body).toMatchObject({
      url: 'https://app.example.com/hooks/sms',
      secret,
    });
    expect((await api.get('/__mock/clock')).body.epochMs).toBe(clockAt);
  };

  it('cannot read the state, the users, the journal or the inspector', async () => {
    for (const path of [
      '/__mock/state',
      '/__mock/users',
      '/__mock/journal',
      '/__mock/webhooks',
      '/__mock/ui/',
    ]) {
      const got = await attempt(`${api.mock.url}${path}`);
      expect([path, 'blocked' in got]).toEqual([path, true]);
    }
  });

  it('cannot change anything: not with a simple request, a form, a preflighted JSON request or an import', async () => {
    const base = api.mock.url;
    const simple = await Promise.all([
      attempt(`${base}/__mock/reset`, { method: 'POST', mode: 'no-cors' }),
      attempt(`${base}/__mock/reset`, {
        method: 'POST',
        mode: 'no-cors',
        body: 'x',
        headers: { 'content-type': 'text/plain' },
      }),
      attempt(`${base}/__mock/clock/advance`, {
        method: 'POST',
        mode: 'no-cors',
        body: '{"seconds":3600}',
        headers: { 'content-type': 'text/plain' },
      }),
    ]);
    // Opaque answers: the browser sent them; the mock must have refused them.
    for (const got of simple) expect(got).toEqual({ status: 0, text: '' });
    const preflighted = await Promise.all([
      attempt(`${base}/__mock/reset`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      }),
      attempt(`${base}/__mock/state`, {
        method: 'PUT',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ version: 1, clock: { now: '2026-01-01T00:00:00Z' }, users: {} }),
      }),
      attempt(`${base}/texts/webhook`, {
        method: 'PUT',
        headers: { authorization: 'Bearer demo-token', 'content-type': 'application/json' },
        body: JSON.stringify({ url: `${evilOrigin}/steal` }),
      }),
    ]);
    for (const got of preflighted) expect(got).toHaveProperty('blocked');
    await page.evaluate((action) => {
      const form = Object.assign(document.createElement('form'), { method: 'POST', action, target: 'sink' });
      document.body.append(Object.assign(document.createElement('iframe'), { name: 'sink' }), form);
      form.submit();
    }, `${base}/__mock/reset`);
    await page.waitForTimeout(1_000);
    await unchanged();
  });

  it('cannot use the documented demo tokens on the telephony API from its origin', async () => {
    const got = await attempt(`${api.mock.url}/calls`, { headers: { authorization: 'Bearer demo-token' } });
    expect(got).toHaveProperty('blocked');
  });

  it('cannot reach it through a rebound name (DNS rebinding): the Host is refused', async () => {
    const rebound = `http://${REBOUND}:${api.mock.port}`;
    const response = await page.goto(`${rebound}/__mock/ui`);
    expect(response?.status()).toBe(403);
    const same = await attempt(`${rebound}/__mock/state`);
    expect(same).toMatchObject({ status: 403 });
    expect(JSON.parse((same as { text: string }).text).code).toBe('host_not_allowed');
    await page.goto(evilOrigin);
  });

  it('while the inspector the mock serves itself works', async () => {
    const own = await browser.newPage();
    try {
      expect((await own.goto(`${api.mock.url}/__mock/ui`))?.status()).toBe(200);
      await own.locator('#calls-rows tr', { hasText: callId }).waitFor({ timeout: 5_000 });
      await own.getByRole('tab', { name: 'Faults' }).click();
      await own.getByLabel('Operation to fail').fill('listAgents');
      await own.getByRole('button', { name: 'Inject fault' }).click();
      await own.locator('#faults li', { hasText: 'listAgents' }).waitFor({ timeout: 5_000 });
      expect((await api.get('/__mock/faults')).body.faults).toHaveLength(1);
    } finally {
      await api.request('DELETE', '/__mock/faults');
      await own.close();
    }
  });
});
