import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import * as prebuiltSpecs from '../../spec/prebuilt-specs.js';
import * as precompiledValidators from '../../spec/precompiled-validators.js';
import { usePrecompiledValidators } from '../../spec/schema-compiler.js';
import { loadSpec, SPEC_PATH, type Spec } from '../../spec/spec.js';
import { specFromDocument } from '../../spec/spec-document.js';
import type { MockSpecs } from '../core.js';

/** The path of the admin API's spec, mock/admin-openapi.yaml, in the package. */
export const ADMIN_SPEC_PATH = fileURLToPath(new URL('../admin-openapi.yaml', import.meta.url));

let precompiledInUse = false;

/**
 * The request validators the build generated from these same files (scripts/compile-validators.mjs),
 * put to use once per process. A static import, so that the synchronous `createHandlers()` has them
 * too; the sources have none, and compile on first use instead.
 */
export function usePackageValidators(): void {
  if (precompiledInUse) return;
  precompiledInUse = true;
  if (Object.keys(precompiledValidators).length > 0) usePrecompiledValidators(precompiledValidators);
}

let specs: Promise<MockSpecs & { files: { api: string; admin: string } }> | undefined;

// Both specs already dereferenced, where the build put them (the command line's bundle only).
const prebuilt = prebuiltSpecs as { api?: Spec['document']; admin?: Spec['document'] };

/** Both specs read from the package's files, dereferenced once per process, with their text (served by /openapi.yaml). */
export function loadMockSpecs() {
  specs ??= (async () => {
    usePackageValidators();
    const [api, admin, apiText, adminText] = await Promise.all([
      prebuilt.api ? specFromDocument(prebuilt.api) : loadSpec(SPEC_PATH),
      prebuilt.admin ? specFromDocument(prebuilt.admin) : loadSpec(ADMIN_SPEC_PATH),
      readFile(SPEC_PATH, 'utf8'),
      readFile(ADMIN_SPEC_PATH, 'utf8'),
    ]);
    return { api, admin, files: { api: apiText, admin: adminText } };
  })();
  return specs;
}
