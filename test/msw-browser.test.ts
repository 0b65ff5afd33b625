import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CHROMIUM_HINT, HAS_CHROMIUM, launchChromium } from './support/chromium.js';
import type { BrowserRun } from './support/msw-browser-app.js';

if (!HAS_CHROMIUM) console.warn(`Skipping the MSW browser test: ${CHROMIUM_HINT}`);

const root = (path: string) => fileURLToPath(new URL(`../${path}`, import.meta.url));

const PAGE =
  '<!doctype html><meta charset="utf-8"><pre id="results"></pre><script type="module" src="/app.js"></script>';

describe.skipIf(!HAS_CHROMIUM)(`createHandlers with setupWorker in Chromium (${CHROMIUM_HINT})`, () => {
  let server: Server;
  let browser: Browser;
  let results: BrowserRun;
  let ownSources: string[] = [];
  const pageErrors: string[] = [];

  beforeAll(async () => {
    const bundle = await build({
      entryPoints: [root('test/support/msw-browser-app.ts')],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      target: 'chrome120',
      write: false,
      logLevel: 'silent',
      metafile: true,
    });
    ownSources = Object.keys(bundle.metafile.inputs).filter((input) =>
      /^(mock|spec|client|exports)\//.test(input),
    );
    const files: Record<string, { type: string; body: string | Uint8Array }> = {
      '/': { type: 'text/html', body: PAGE },
      '/app.js': { type: 'text/javascript', body: bundle.outputFiles[0]?.contents ?? '' },
      '/mockServiceWorker.js': {
        type: 'text/javascript',
        body: readFileSync(root('node_modules/msw/lib/mockServiceWorker.js')),
      },
    };
    server = createServer((req, res) => {
      const file = files[new URL(req.url ?? '/', 'http://x').pathname];
      if (!file) return void res.writeHead(404).end();
      res.writeHead(200, { 'content-type': file.type, 'cache-control': 'no-store' }).end(file.body);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;

    browser = await launchChromium();
    const page = await browser.newPage();
    page.on('pageerror', (error) => pageErrors.push(error.message));
    // http://127.0.0.1 is a secure context, so the page may register the service worker.
    await page.goto(`http://127.0.0.1:${port}/`);
    const out = page.locator('#results[data-state]');
    await out.waitFor({ timeout: 20_000 });
    const text = (await out.textContent()) ?? '';
    expect(await out.getAttribute('data-state'), text).toBe('done');
    results = JSON.parse(text) as BrowserRun;
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await new Promise((resolve) => server?.close(resolve));
  });

  it('creates an agent and a call through the worker', () => {
    expect([results.agentStatus, results.callStatus]).toEqual([201, 201]);
  });

  it('moves the call on the manual clock: in progress after 4 s, ended by the callee after 9 s', () => {
    expect(results.afterFour.status).toBe('in-progress');
    expect([results.afterNine.status, results.afterNine.endedReason]).toEqual(['completed', 'callee-hangup']);
  });

  it('answers 401 with a challenge when there is no token', () => {
    expect(results.noToken.status).toBe(401);
    expect(results.noToken.wwwAuthenticate).toMatch(/^Bearer/);
  });

  it('answers an invalid body with a 400 problem+json', () => {
    expect(results.invalidBody.status).toBe(400);
    expect(results.invalidBody.contentType).toMatch(/^application\/problem\+json/);
    expect(results.invalidBody.type).toEqual(expect.any(String));
  });

  // esbuild already refuses `node:` imports for the browser; a Node global fails only when reached.
  it('bundles none of our code that relies on Node globals', () => {
    expect(ownSources).toContain('mock/core.ts');
    const nodeGlobals = ownSources.filter((file) =>
      /\b(Buffer|process|setImmediate)\./.test(
        readFileSync(root(file), 'utf8').replace(/^\s*(\/\/|\/?\*).*$/gm, ''),
      ),
    );
    expect(nodeGlobals).toEqual([]);
  });

  it('raises no error in the page', () => {
    expect(pageErrors).toEqual([]);
  });
});
