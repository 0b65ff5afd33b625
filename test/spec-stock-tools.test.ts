import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { Ajv2020 } from 'ajv/dist/2020.js';
import addFormats from 'ajv-formats';
import { describe, expect, it } from 'vitest';
import { ADMIN_SPEC_PATH, startMock } from '../exports/server.js';
import { type JsonSchema, loadSpec, SPEC_PATH, type Spec } from '../spec/spec.js';

const run = promisify(execFile);
const CONFIG = 'test/portman/portman-config.json';

// OpenAPI 3.1's own vocabulary beside JSON Schema 2020-12 (§4.8.24): annotations to a validator.
const OPENAPI_VOCABULARY = ['example', 'discriminator', 'xml', 'externalDocs'];
// The spec's extensions: stock tools ignore them, the mock reads them (src/formats.ts).
const EXTENSIONS = ['x-http-url'];

/** Every schema a tool compiles from a spec: components, and each operation's parameters, bodies and headers. */
function schemasOf(spec: Spec): Array<[string, JsonSchema]> {
  const out: Array<[string, JsonSchema]> = Object.entries(spec.document.components.schemas).map(
    ([name, schema]) => [`#/components/schemas/${name}`, schema],
  );
  for (const [id, op] of [...spec.operations, ...spec.webhooks]) {
    for (const p of op.parameters) out.push([`${id} ${p.in} ${p.name}`, p.schema]);
    for (const [type, media] of Object.entries(op.requestBody?.content ?? {}))
      if (media.schema) out.push([`${id} request ${type}`, media.schema]);
    for (const [status, response] of Object.entries(op.responses)) {
      for (const [type, media] of Object.entries(response.content ?? {}))
        if (media.schema) out.push([`${id} ${status} ${type}`, media.schema]);
      for (const [name, header] of Object.entries(response.headers ?? {}))
        if (header.schema) out.push([`${id} ${status} header ${name}`, header.schema]);
    }
  }
  return out;
}

/** The keywords of a schema and its subschemas that start with `x-`. */
function extensionsIn(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) for (const item of value) extensionsIn(item, found);
  else if (value !== null && typeof value === 'object')
    for (const [key, item] of Object.entries(value)) {
      if (key.startsWith('x-')) found.add(key);
      extensionsIn(item, found);
    }
  return found;
}

describe('the specs as stock tools read them', () => {
  for (const [name, path] of [
    ['openapi.yaml', SPEC_PATH],
    ['mock/admin-openapi.yaml', ADMIN_SPEC_PATH],
  ]) {
    it(`${name}: every schema compiles in Ajv's strict mode with ajv-formats (no format of our own)`, async () => {
      const spec = await loadSpec(path);
      const schemas = schemasOf(spec);
      expect([...extensionsIn(schemas.map(([, s]) => s))].sort()).toEqual(EXTENSIONS);
      // strict: unknown formats and keywords throw, and so do strict types and tuples. Union types are
      // how OpenAPI 3.1 says "or null"; strictRequired (off in Ajv's default strict mode) would refuse
      // JSON Schema's "exactly one of" idiom, `oneOf` of `required`-only branches (ScenarioStep).
      const ajv = new Ajv2020({
        strict: true,
        strictRequired: false,
        allowUnionTypes: true,
        allErrors: true,
      });
      addFormats.default(ajv);
      ajv.addVocabulary([...OPENAPI_VOCABULARY, ...EXTENSIONS]);
      const refused = schemas.flatMap(([where, schema]) => {
        try {
          ajv.compile(schema);
          return [];
        } catch (error) {
          return [`${where}: ${(error as Error).message}`];
        }
      });
      expect(refused).toEqual([]);
      expect(schemas.length).toBeGreaterThan(50);
    });
  }

  // Portman turns the spec into a Postman collection with contract tests (status, content type, JSON
  // body, schema, headers); newman runs it against the mock. test/portman/portman-config.json only
  // plumbs ids from one request to the next and orders the requests; the tests are Portman's own.
  it('a Portman-generated collection passes 100 % of its assertions in newman against the mock', async () => {
    const mock = await startMock({ port: 0, timeScale: 100 });
    const dir = await mkdtemp(join(tmpdir(), 'telemock-portman-'));
    try {
      const collection = join(dir, 'collection.json');
      // Portman keeps its working files in ./tmp: run it in the temporary folder.
      await run(
        resolve('node_modules/.bin/portman'),
        [
          '--local',
          SPEC_PATH,
          '--baseUrl',
          mock.url,
          '--portmanConfigFile',
          resolve(CONFIG),
          '--output',
          collection,
        ],
        { cwd: dir },
      );
      const report = join(dir, 'newman.json');
      // newman exits 1 when an assertion fails; the report says which.
      await run('node_modules/.bin/newman', [
        'run',
        collection,
        '--env-var',
        'bearerToken=demo-token',
        '--delay-request',
        '50',
        '--reporters',
        'json',
        '--reporter-json-export',
        report,
      ]).catch(() => undefined);
      const { run: result } = JSON.parse(await readFile(report, 'utf8')) as {
        run: {
          stats: { requests: { total: number }; assertions: { total: number; failed: number } };
          failures: Array<{ error: { test?: string; message: string } }>;
        };
      };
      expect(result.failures.map((f) => `${f.error.test}: ${f.error.message}`)).toEqual([]);
      expect(result.stats.requests.total).toBe(18);
      expect(result.stats.assertions.total).toBeGreaterThanOrEqual(140);
      expect(result.stats.assertions.failed).toBe(0);
      console.log(
        `newman: ${result.stats.assertions.total} of ${result.stats.assertions.total} assertions passed`,
      );
    } finally {
      await rm(dir, { recursive: true, force: true });
      await mock.close();
    }
  }, 180_000);
});
