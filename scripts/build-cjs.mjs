// After `tsc` and copy-build-assets: CommonJS builds of the entry points a CommonJS test setup
// needs (Jest cannot `require` ES modules, even where Node can), the `require` condition of
// package.json's exports. `telemock/msw` is its browser entry bundled — the specs inlined as data,
// so it reads no file — and `telemock` its main entry. `msw` stays the user's own copy, so
// `setupServer` from `msw/node` and these handlers share one MSW.
import { build } from 'esbuild';

await build({
  entryPoints: { msw: 'dist/exports/msw-browser.js', index: 'dist/exports/index.js' },
  outdir: 'dist/cjs',
  outExtension: { '.js': '.cjs' },
  bundle: true,
  platform: 'node',
  format: 'cjs',
  target: 'node20',
  external: ['msw', 'msw/*'],
  legalComments: 'none',
  // dist/cjs/ sits beside dist/spec/, so `new URL('../openapi.yaml', import.meta.url)` still finds dist/openapi.yaml.
  define: { 'import.meta.url': 'importMetaUrl' },
  banner: { js: "const importMetaUrl = require('node:url').pathToFileURL(__filename).href;" },
  logLevel: 'warning',
});
