// After tsc: the request validators of both specs as Ajv standalone code (spec/standalone-validators.ts),
// so the mock compiles no schema at start-up or on a first request. Writes dist/spec/precompiled-strict.js,
// precompiled-coercing.js and precompiled-validators.js over both, which mock/files/spec-files.ts loads.
import { rmSync, writeFileSync } from 'node:fs';

// A previous build's validators would be used instead of compiled, and so never recorded;
// mock/files/spec-files.js imports precompiled-validators.js, so it becomes an empty module meanwhile.
for (const name of ['strict', 'coercing']) rmSync(`dist/spec/precompiled-${name}.js`, { force: true });
writeFileSync('dist/spec/precompiled-validators.js', 'export {};\n');

const { loadMockSpecs } = await import('../dist/mock/files/spec-files.js');
const { standaloneValidators } = await import('../dist/spec/standalone-validators.js');

const { api, admin } = await loadMockSpecs();
const modules = standaloneValidators([api, admin], {
  formatsModule: './formats.js',
  requireFrom: 'import.meta.url',
});
for (const [mode, code] of Object.entries(modules)) writeFileSync(`dist/spec/precompiled-${mode}.js`, code);
writeFileSync(
  'dist/spec/precompiled-validators.js',
  Object.keys(modules)
    .map((mode) => `export * from './precompiled-${mode}.js';\n`)
    .join(''),
);
process.stdout.write(`precompiled the request validators into dist/spec/precompiled-*.js\n`);
