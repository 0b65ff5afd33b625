import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { dereference } from './dereference.js';
import { SPEC_PATH } from './spec.js';

const dir = mkdtempSync(join(tmpdir(), 'telemock-dereference-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('dereference: the JSON copy in spec/generated/ stands in for the YAML it was made from, only', () => {
  it('reads openapi.yaml as the copy has it (the copy is current)', () => {
    const copy = JSON.parse(readFileSync(new URL('./generated/openapi.json', import.meta.url), 'utf8'));
    expect(copy.document).toEqual(parse(readFileSync(SPEC_PATH, 'utf8')));
    const file = join(dir, 'openapi.yaml');
    copyFileSync(SPEC_PATH, file);
    expect(dereference(file).info).toEqual(copy.document.info);
  });

  it('parses a file of the same name whose text differs (an edited spec is never read from a stale copy)', () => {
    const file = join(dir, 'openapi.yaml');
    writeFileSync(file, 'openapi: 3.1.0\ninfo: { title: Edited, version: "2" }\npaths: {}\n');
    expect(dereference(file)).toEqual({
      openapi: '3.1.0',
      info: { title: 'Edited', version: '2' },
      paths: {},
    });
  });
});
