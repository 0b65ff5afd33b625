import { _ } from 'ajv';
import standaloneCode from 'ajv/dist/standalone/index.js';
import {
  compilingEverything,
  makeAjv,
  onSchemaCompiled,
  type SchemaMode,
  schemaKey,
} from './schema-compiler.js';
import type { Spec } from './spec.js';
import { SpecValidators } from './validators.js';

/** Where the generated modules find what they import (they sit in spec/generated/). */
export interface StandaloneImports {
  /** The module of our own formats (spec/formats.ts), as written in an `import`. */
  formatsModule: string;
  /** What `createRequire` resolves Ajv's runtime helpers and ajv-formats from, as JavaScript. */
  requireFrom: string;
}

/**
 * Ajv standalone code for every schema that validating the requests of these specs' operations
 * compiles: what the mock checks at run time. (Webhook payloads are checked by tests, and compiled
 * there on first use: code the mock would load for nothing.) One ES module per mode,
 * each validator exported under its schemaKey(), for usePrecompiledValidators(). Used by the
 * generate script (scripts/generate-validators.ts).
 */
export function standaloneValidators(
  specs: readonly Spec[],
  imports: StandaloneImports,
): Record<SchemaMode, string> {
  const recorded: Record<SchemaMode, Map<string, object>> = { strict: new Map(), coercing: new Map() };
  onSchemaCompiled((mode, schema) => recorded[mode].set(schemaKey(mode, schema), schema));
  try {
    compilingEverything(() => {
      for (const spec of specs) new SpecValidators(spec).warmUp(spec.operations.keys());
    });
  } finally {
    onSchemaCompiled(undefined);
  }
  // Formats are read from one object: ajv-formats' and our own, imported by the module.
  const header = [
    "import { createRequire } from 'node:module';",
    `import { ownFormats } from ${JSON.stringify(imports.formatsModule)};`,
    `const require = createRequire(${imports.requireFrom});`,
    "const formats = { ...require('ajv-formats/dist/formats').fullFormats, ...ownFormats };",
  ].join('\n');
  const modules = {} as Record<SchemaMode, string>;
  for (const mode of ['strict', 'coercing'] as const) {
    const ajv = makeAjv(mode, { source: true, esm: true, formats: _`formats` });
    for (const [key, schema] of recorded[mode]) ajv.addSchema(schema, key);
    const keys = Object.fromEntries([...recorded[mode].keys()].map((k) => [k, k]));
    modules[mode] = `${header}\n${standaloneCode.default(ajv, keys)}\n`;
  }
  return modules;
}
