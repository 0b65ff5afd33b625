import { describe, expect, it } from 'vitest';
import { inspectorAssets } from '../mock/inspector/index.js';

const assets = inspectorAssets();
const text = (name: string) => String(assets[name]?.body ?? '');
const scripts = Object.keys(assets).filter((name) => name.endsWith('.js'));

describe('inspectorAssets', () => {
  it('serves the page at the root of /__mock/ui and as index.html', () => {
    expect(assets['']?.contentType).toMatch(/^text\/html/);
    expect(assets['']?.body).toBe(assets['index.html']?.body);
    expect(text('index.html')).toContain('<main id="main"');
  });

  it('ships the page’s modules as plain JavaScript, types stripped', () => {
    expect(scripts).toContain('main.js');
    for (const name of scripts) {
      expect(assets[name]?.contentType, name).toMatch(/^text\/javascript/);
      expect(text(name), name).not.toMatch(/^import type|: HTMLElement\b|\binterface\s+\w+\s*\{/m);
    }
    expect(Object.keys(assets).some((name) => name.endsWith('.ts'))).toBe(false);
  });

  it('resolves every file the page and its modules ask for, from the mock itself', () => {
    const wanted = new Set<string>();
    for (const [, href] of text('index.html').matchAll(/(?:href|src)="\/__mock\/ui\/([^"]+)"/g))
      wanted.add(href ?? '');
    for (const name of scripts) {
      for (const [, path] of text(name).matchAll(/from\s*["']\.\/([^"']+)["']/g)) wanted.add(path ?? '');
      for (const [, path] of text(name).matchAll(/["']\/__mock\/ui\/([^"']+)["']/g)) wanted.add(path ?? '');
    }
    expect([...wanted].sort()).toEqual(expect.arrayContaining(['main.js', 'style.css', 'operations.json']));
    for (const path of wanted) expect(assets[path], path).toBeDefined();
  });

  it('loads nothing from another origin, so it works offline (no CDN)', () => {
    for (const [name, asset] of Object.entries(assets)) {
      if (name === 'operations.json') continue;
      expect(String(asset.body), name).not.toMatch(
        /(?:src|href)\s*=\s*["']?(?:https?:)?\/\/|@import\s+url\(["']?https?:|import\s*\(?["']https?:/,
      );
    }
  });

  it('lists the telephony API’s operations from openapi.yaml for the fault form', () => {
    const operations = JSON.parse(text('operations.json')) as Array<{ operationId: string; method: string }>;
    expect(operations).toContainEqual(expect.objectContaining({ operationId: 'createCall', method: 'POST' }));
    expect(operations.length).toBeGreaterThan(10);
  });
});
