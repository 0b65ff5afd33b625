import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import * as requestValidators from '../../spec/generated/request-validators.js';
import { usePrecompiledValidators } from '../../spec/schema-compiler.js';
import { loadSpec, SPEC_PATH } from '../../spec/spec.js';
import type { MockSpecs } from '../core.js';

/** The path of the admin API's spec, mock/admin-openapi.yaml, in the package. */
export const ADMIN_SPEC_PATH = fileURLToPath(new URL('../admin-openapi.yaml', import.meta.url));

let precompiledInUse = false;

/**
 * The request validators `npm run generate` precompiled from these same specs (spec/generated/), put
 * to use once per process: compiling them costs more start-up than anything else the mock does
 * (bench/README.md). Not for the browser's handlers: the generated code loads Ajv's helpers with require().
 */
export function usePackageValidators(): void {
  if (precompiledInUse) return;
  precompiledInUse = true;
  usePrecompiledValidators(requestValidators);
}

let specs: Promise<MockSpecs & { files: { api: string; admin: string } }> | undefined;

/** Both specs read from the package's files, dereferenced once per process, with their text (served by /openapi.yaml). */
export function loadMockSpecs() {
  specs ??= (async () => {
    usePackageValidators();
    const [api, admin, apiText, adminText] = await Promise.all([
      loadSpec(SPEC_PATH),
      loadSpec(ADMIN_SPEC_PATH),
      readFile(SPEC_PATH, 'utf8'),
      readFile(ADMIN_SPEC_PATH, 'utf8'),
    ]);
    return { api, admin, files: { api: apiText, admin: adminText } };
  })();
  return specs;
}
