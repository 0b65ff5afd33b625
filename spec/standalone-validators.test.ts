import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { loadMockSpecs } from '../mock/files/spec-files.js';
import { onSchemaCompiled, usePrecompiledValidators } from './schema-compiler.js';
import { standaloneValidators } from './standalone-validators.js';
import type { RequestParts } from './validators.js';
import { SpecValidators } from './validators.js';

const { api, admin } = await loadMockSpecs();
const dir = mkdtempSync(join(tmpdir(), 'telemock-standalone-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// What every operation is asked: nothing, a body of the wrong shape, and strings for path and query
// parameters that need coercing, defaults or refusing.
const REQUESTS: Array<[string, RequestParts]> = [
  ['empty', {}],
  ['wrong body', { body: { to: 42, unknown: true }, headers: { 'content-type': 'application/json' } }],
  ['empty object body', { body: {} }],
  ['coerced query', { query: { limit: '5' }, path: { callId: 'call_9Xk2LmQ7vB3nR8tP' } }],
  ['bad query', { query: { limit: 'many', status: 'exploded' }, path: { callId: 'x', agentId: 'y' } }],
  ['valid call', { body: { to: '+14155550123', agentId: 'agt_7Hq2LmP9xK3vB8nR' } }],
  ['bad formats', { body: { to: '+14155550123', agentId: 'agt_7Hq2LmP9xK3vB8nR', webhookUrl: 'not a url' } }],
  // An RFC 3986 URI that the pattern lets through and only the URL rule (x-http-url, spec/url-rule.ts) refuses.
  [
    'url with credentials',
    {
      body: {
        to: '+14155550123',
        agentId: 'agt_7Hq2LmP9xK3vB8nR',
        webhookUrl: 'https://u:p@example.com/hook',
      },
    },
  ],
];

describe('standalone validators (the build precompiles them)', () => {
  const cases = [api, admin].flatMap((spec) => [...spec.operations.keys()].map((id) => [spec, id] as const));
  const compiled = new Map([api, admin].map((spec) => [spec, new SpecValidators(spec)] as const));
  const answers = cases.map(([spec, id]) =>
    REQUESTS.map(([, parts]) => compiled.get(spec)?.validateRequest(id, structuredClone(parts))),
  );

  it('answers every request of every operation exactly as Ajv compiling at run time does, compiling nothing', async () => {
    const modules = standaloneValidators([api, admin], {
      formatsModule: pathToFileURL(join(import.meta.dirname, 'formats.ts')).href,
      requireFrom: JSON.stringify(import.meta.url),
    });
    let table: Record<string, unknown> = {};
    for (const [mode, code] of Object.entries(modules)) {
      const file = join(dir, `${mode}.mjs`);
      writeFileSync(file, code);
      table = { ...table, ...(await import(/* @vite-ignore */ pathToFileURL(file).href)) };
    }
    usePrecompiledValidators(table);
    const compiledNow: unknown[] = [];
    onSchemaCompiled((_mode, schema) => compiledNow.push(schema));
    try {
      const precompiled = new Map([api, admin].map((spec) => [spec, new SpecValidators(spec)] as const));
      cases.forEach(([spec, id], i) => {
        REQUESTS.forEach(([name, parts], j) => {
          const got = precompiled.get(spec)?.validateRequest(id, structuredClone(parts));
          expect(got, `${id}: ${name}`).toEqual(answers[i]?.[j]);
        });
      });
    } finally {
      onSchemaCompiled(undefined);
      usePrecompiledValidators({});
    }
    expect(compiledNow).toEqual([]);
    // The table is not trivially all-valid or all-refused.
    const flat = answers.flat();
    expect(flat.some((a) => a?.ok)).toBe(true);
    expect(flat.some((a) => a && !a.ok)).toBe(true);
  });
});
