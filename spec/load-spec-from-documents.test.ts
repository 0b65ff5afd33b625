import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ADMIN_SPEC_PATH } from '../mock/files/spec-files.js';
import { loadSpecFromDocuments } from './load-spec-from-documents.js';
import { loadSpec, SPEC_PATH } from './spec.js';

const read = (path: string) => parse(readFileSync(path, 'utf8')) as object;

describe('loadSpecFromDocuments', () => {
  it('gives the same specs as loading the files, the admin refs to ../openapi.yaml resolved in memory', async () => {
    const api = read(SPEC_PATH);
    const admin = read(ADMIN_SPEC_PATH);
    const untouched = structuredClone(admin);
    const fromMemory = loadSpecFromDocuments(api, admin);
    const [apiFromDisk, adminFromDisk] = await Promise.all([loadSpec(SPEC_PATH), loadSpec(ADMIN_SPEC_PATH)]);

    expect(fromMemory.api.document).toEqual(apiFromDisk.document);
    expect(fromMemory.admin.document).toEqual(adminFromDisk.document);
    expect([...fromMemory.admin.operations.keys()]).toEqual([...adminFromDisk.operations.keys()]);
    expect(JSON.stringify(fromMemory.admin.document)).not.toContain('$ref');
    expect(admin, 'the documents given are copied, not changed').toEqual(untouched);
  });

  it('refuses a ref to a document it was not given', () => {
    const admin = { openapi: '3.1.0', paths: {}, components: { schemas: { X: { $ref: 'other.yaml#/X' } } } };
    expect(() => loadSpecFromDocuments({ paths: {}, components: { schemas: {} } }, admin)).toThrow(
      /No document/,
    );
  });
});
