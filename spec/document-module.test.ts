import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ADMIN_SPEC_PATH } from '../mock/files/spec-files.js';
import { dereference } from './dereference.js';
import { documentModule } from './document-module.js';
import { SPEC_PATH } from './spec.js';

async function load(source: string): Promise<Record<string, unknown>> {
  const dir = mkdtempSync(join(tmpdir(), 'telemock-documents-'));
  try {
    const file = join(dir, 'documents.mjs');
    writeFileSync(file, source);
    return (await import(pathToFileURL(file).href)) as Record<string, unknown>;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

// Every object of a graph by the path that first reaches it, and which paths reach the same object.
function sharing(root: unknown): string[][] {
  const paths = new Map<object, string[]>();
  const walk = (node: unknown, path: string) => {
    if (node === null || typeof node !== 'object') return;
    const known = paths.get(node);
    if (known) return void known.push(path);
    paths.set(node, [path]);
    for (const [key, value] of Object.entries(node)) walk(value, `${path}/${key}`);
  };
  walk(root, '');
  return [...paths.values()].filter((p) => p.length > 1);
}

describe('documentModule', () => {
  it('gives back both dereferenced specs, equal and shared where they were', async () => {
    const api = dereference(SPEC_PATH);
    const admin = dereference(ADMIN_SPEC_PATH);
    const module = await load(documentModule({ api, admin }));
    expect(module.api).toEqual(api);
    expect(module.admin).toEqual(admin);
    const shared = sharing(api);
    // The specs do share targets ($refs), so this compares something.
    expect(shared.length).toBeGreaterThan(10);
    expect(sharing(module.api)).toEqual(shared);
    expect(sharing(module.admin)).toEqual(sharing(admin));
  });

  it('keeps a `__proto__` key as a property, and odd keys and values as they were', async () => {
    const inner = { 'a"b': 'c\\d', '\u2028': [1, null, true, 'é'] };
    const document = JSON.parse('{"__proto__": {"polluted": true}}') as Record<string, unknown>;
    document.twice = [inner, inner];
    const module = await load(documentModule({ document }));
    const out = module.document as Record<string, unknown>;
    expect(Object.getPrototypeOf(out)).toBe(Object.prototype);
    expect(Object.hasOwn(out, '__proto__')).toBe(true);
    expect(out).toEqual(document);
    const [first, second] = out.twice as unknown[];
    expect(first).toBe(second);
  });

  it('refuses a name it cannot export', () => {
    expect(() => documentModule({ 'not a name': {} })).toThrow(/not a name/);
  });
});
