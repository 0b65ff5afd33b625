// After tsc: the entry points that start a server or handlers become one file each, so start-up
// reads one module instead of ~300 (Express alone is ~100 files, found and compiled one by one).
// tsc's output stays beside them for everything else (declarations, the contract suite, `telemock`).
// `telemock serve` gets a CommonJS bundle of its own (dist/mock/cli.cjs), which bin/telemock.js
// runs over V8's code cache (bin/require-with-code-cache.ts; scripts/train-code-cache.mjs).
import { randomBytes } from 'node:crypto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const DIST = join(ROOT, 'dist');

// entry source → bundle, at the place tsc wrote that entry's module, so the package's exports stay.
const ENTRIES = ['exports/server.ts', 'exports/msw.ts'];

// Loaded on demand or on purpose from node_modules: peers (msw), packages that find their own
// files at run time (swagger-ui's assets, pino-pretty in pino's worker thread), and what only a
// rare path needs (yaml for a YAML config, esbuild for the inspector's page).
const EXTERNAL = ['msw', 'pino-pretty', 'swagger-ui-express', 'esbuild', 'yaml'];

// CommonJS packages inside an ES module bundle still call require() for Node's built-ins. pino is
// bundled; its transports (pino-pretty on a terminal) run worker files that it finds beside its own
// code, so they are pointed at the installed files, as pino documents for bundlers.
const BANNER = `import { createRequire as __telemockRequire } from 'node:module';
const require = __telemockRequire(import.meta.url);
globalThis.__bundlerPathsOverrides ??= {
  get 'pino-worker'() { return require.resolve('pino/lib/worker.js'); },
  get 'thread-stream-worker'() { return __telemockRequire(require.resolve('pino')).resolve('thread-stream/lib/worker.js'); },
  get 'pino-pretty'() { return require.resolve('pino-pretty'); },
};`;

// The same for the CommonJS bundle, which has require() of its own; and the URL its modules'
// `import.meta.url` stands for (see keepModuleUrls).
const CJS_BANNER = `const __telemockUrlOf = (rel) => new URL(rel, require('node:url').pathToFileURL(__filename)).href;
globalThis.__bundlerPathsOverrides ??= {
  get 'pino-worker'() { return require.resolve('pino/lib/worker.js'); },
  get 'thread-stream-worker'() { return require('node:module').createRequire(require.resolve('pino')).resolve('thread-stream/lib/worker.js'); },
  get 'pino-pretty'() { return require.resolve('pino-pretty'); },
};`;

// Modules whose `import` must stay a run-time import of the file in dist/: the inspector's page
// reads files beside itself and is needed only on a visit; the precompiled validators are written
// there by scripts/compile-validators.mjs over tsc's empty module (the sources have none).
const LAZY = new Set([join(ROOT, 'mock/inspector/assets.ts'), join(ROOT, 'spec/precompiled-validators.ts')]);
// In the CommonJS bundle only: both specs dereferenced at build time, as code (spec/prebuilt-specs.ts).
const PREBUILT_SPECS = join(ROOT, 'spec/prebuilt-specs.ts');

// Packages that Express or our validators import at load but that an API request never calls:
// Express's body parsers (and iconv-lite's tables below them), qs (its `extended` query parser),
// mime-types (Content-Type lookups by extension, for res.type/sendFile), and Ajv itself (the
// request validators are precompiled; Ajv compiles only what a test or the contract suite asks
// for). Each is replaced by a stand-in whose functions load the real package on their first call.
const ON_FIRST_CALL = {
  'body-parser': { functions: ['json', 'raw', 'text', 'urlencoded'] },
  qs: { functions: ['parse', 'stringify'] },
  'mime-types': {
    functions: ['charset', 'contentType', 'extension', 'lookup'],
    values: ['extensions', 'types'],
  },
  'ajv/dist/2020.js': { functions: ['Ajv2020', 'default'] },
  'ajv-formats': { functions: ['default'] },
};

// Express and its router make their `debug` loggers at load, and the package reads the
// environment, the terminal and supports-color to set them up (~10 ms of start-up), for output
// that appears only with DEBUG set. Without DEBUG they are no-ops; with it, the real package.
const quietDebug = {
  name: 'quiet-debug',
  setup(b) {
    b.onResolve({ filter: /^debug$/ }, (args) =>
      args.namespace === 'quiet-debug' ? undefined : { path: 'debug', namespace: 'quiet-debug' },
    );
    b.onLoad({ filter: /.*/, namespace: 'quiet-debug' }, () => ({
      contents: [
        'const name = "debug";',
        'const off = () => {};',
        'off.enabled = false;',
        // A computed name: esbuild leaves this require to run time (node_modules), not to the bundle.
        'module.exports = process.env.DEBUG ? require(name) : () => off;',
      ].join('\n'),
      loader: 'js',
      resolveDir: ROOT,
    }));
  },
};

const onFirstCall = {
  name: 'on-first-call',
  setup(b) {
    const names = Object.keys(ON_FIRST_CALL).map((n) => n.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&'));
    b.onResolve({ filter: new RegExp(`^(${names.join('|')})$`) }, (args) =>
      args.namespace === 'on-first-call' ? undefined : { path: args.path, namespace: 'on-first-call' },
    );
    b.onLoad({ filter: /.*/, namespace: 'on-first-call' }, (args) => {
      const { functions, values = [] } = ON_FIRST_CALL[args.path];
      const lines = [
        `const name = ${JSON.stringify(args.path)};`,
        'let real;',
        // A computed name: esbuild leaves this require to run time (node_modules), not to the bundle.
        'const load = () => (real ??= require(name));',
        'const onFirstCall = (key) => function (...args) {',
        '  const f = load()[key];',
        '  return new.target ? new f(...args) : f.apply(this, args);',
        '};',
        ...functions.map((f) => `exports[${JSON.stringify(f)}] = onFirstCall(${JSON.stringify(f)});`),
        ...values.map(
          (v) =>
            `Object.defineProperty(exports, ${JSON.stringify(v)}, { enumerable: true, get: () => load()[${JSON.stringify(v)}] });`,
        ),
      ];
      return { contents: lines.join('\n'), loader: 'js', resolveDir: ROOT };
    });
  },
};

/** spec/prebuilt-specs.ts, empty in the sources, as `contents` (the specs dereferenced, as code). */
const prebuiltSpecsModule = (contents) => ({
  name: 'prebuilt-specs',
  setup(b) {
    b.onResolve({ filter: /prebuilt-specs\.js$/ }, (args) =>
      resolve(args.resolveDir, args.path.replace(/\.js$/, '.ts')) === PREBUILT_SPECS
        ? { path: PREBUILT_SPECS, namespace: 'prebuilt-specs' }
        : undefined,
    );
    b.onLoad({ filter: /.*/, namespace: 'prebuilt-specs' }, () => ({ contents, loader: 'js' }));
  },
});

/**
 * Rewrites `import.meta.url` in each bundled source file to the URL its tsc output would have
 * (dist/<same path>.js), so `new URL('./admin-openapi.yaml', import.meta.url)` finds the same file
 * from inside any bundle. In the CommonJS bundle, which has no `import.meta`, the URL is made from
 * `__filename`, and the precompiled validators (ES modules in dist/spec/) are bundled too.
 */
const keepModuleUrls = (outfile, format) => ({
  name: 'keep-module-urls',
  setup(b) {
    const urlOf = (rel) =>
      format === 'cjs'
        ? `__telemockUrlOf(${JSON.stringify(rel)})`
        : `new URL(${JSON.stringify(rel)}, import.meta.url).href`;
    b.onResolve({ filter: /^\.\.?\// }, (args) => {
      const path = resolve(args.resolveDir, args.path.replace(/\.js$/, '.ts'));
      if (!LAZY.has(path)) return undefined;
      const target = join(DIST, relative(ROOT, path)).replace(/\.ts$/, '.js');
      if (format === 'cjs' && path.endsWith('precompiled-validators.ts')) return { path: target };
      let rel = relative(dirname(outfile), target);
      if (!rel.startsWith('.')) rel = `./${rel}`;
      return { path: rel, external: true };
    });
    b.onLoad({ filter: /\.(ts|js)$/ }, async (args) => {
      if (args.path.includes('node_modules')) return undefined;
      let contents = await readFile(args.path, 'utf8');
      if (contents.includes('import.meta.url')) {
        const own = args.path.startsWith(`${DIST}/`)
          ? args.path
          : join(DIST, relative(ROOT, args.path)).replace(/\.ts$/, '.js');
        contents = contents.replaceAll('import.meta.url', urlOf(relative(dirname(outfile), own)));
      }
      return { contents, loader: args.path.endsWith('.ts') ? 'ts' : 'js' };
    });
  },
});

const common = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  external: EXTERNAL,
  // No map: its sources would include the stand-ins above, which no file holds (and the package ships no maps).
  sourcemap: false,
  logLevel: 'warning',
};

for (const entry of ENTRIES) {
  const outfile = join(DIST, entry.replace(/\.ts$/, '.js'));
  await build({
    ...common,
    entryPoints: [join(ROOT, entry)],
    outfile,
    format: 'esm',
    banner: { js: BANNER },
    plugins: [onFirstCall, quietDebug, keepModuleUrls(outfile, 'esm')],
  });
  // tsc's map of the module the bundle replaced would describe other code.
  await rm(`${outfile}.map`, { force: true });
}

// `telemock serve`. Its first line names this build, so bin/require-with-code-cache.ts uses a code
// cache only with the bundle it was made from (V8 itself compares the source's length, not its text).
const cli = join(DIST, 'mock/cli.cjs');
await rm(`${cli}.v8cache`, { force: true });
// Both specs as the mock reads them (dist/'s JSON copies), dereferenced now rather than at each start (~7 ms).
const { dereference } = await import(join(DIST, 'spec/dereference.js'));
const { documentModule } = await import(join(DIST, 'spec/document-module.js'));
const prebuiltSpecs = documentModule({
  api: dereference(join(DIST, 'openapi.yaml')),
  admin: dereference(join(DIST, 'mock/admin-openapi.yaml')),
});
await build({
  ...common,
  entryPoints: [join(ROOT, 'mock/cli.ts')],
  outfile: cli,
  format: 'cjs',
  // Non-ASCII characters escaped, so the loader can read the file as Latin-1 (much faster than UTF-8).
  charset: 'ascii',
  // import() as require(), as esbuild writes it: code run through vm.Script has no import() of its
  // own but an experimental one (vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER), which warns.
  supported: { 'dynamic-import': false },
  banner: { js: `// build ${randomBytes(8).toString('hex')}\n${CJS_BANNER}` },
  plugins: [prebuiltSpecsModule(prebuiltSpecs), onFirstCall, quietDebug, keepModuleUrls(cli, 'cjs')],
});
// esbuild escapes what is not ASCII in code, not in the comments it keeps.
const nonAscii = (await readFile(cli, 'latin1')).split('\n').filter((line) => /[\u0080-\u00ff]/.test(line));
if (nonAscii.length > 0)
  process.stderr.write(
    `warning: dist/mock/cli.cjs is not ASCII (${nonAscii.length} lines, e.g. ${nonAscii[0]?.trim().slice(0, 80)}); it is read as UTF-8, ~5 ms slower\n`,
  );

// The command line itself, CommonJS too (dist/bin/package.json says so): an ES module entry costs
// Node ~5–8 ms more to start (its module loader), before any of our code runs. The commands'
// modules stay where tsc wrote them, imported on demand; the code-cache loader is bundled in, and
// also written on its own for what imports it (the package check).
const BIN = join(DIST, 'bin');
const binSources = {
  name: 'bin-sources',
  setup(b) {
    // ../mock/cli.js, ../contracts/…: tsc's modules, loaded at run time by the command that needs them.
    b.onResolve({ filter: /^\.\.\// }, (args) =>
      args.importer.startsWith(join(ROOT, 'bin')) ? { path: args.path, external: true } : undefined,
    );
  },
};
await build({
  ...common,
  entryPoints: [join(ROOT, 'bin/telemock.ts'), join(ROOT, 'bin/require-with-code-cache.ts')],
  outdir: BIN,
  format: 'cjs',
  charset: 'ascii',
  define: { 'import.meta.url': '__telemockBinUrl' },
  banner: { js: "const __telemockBinUrl = require('node:url').pathToFileURL(__filename).href;" },
  plugins: [binSources],
});
await writeFile(join(BIN, 'package.json'), `${JSON.stringify({ type: 'commonjs' })}\n`);
for (const name of ['telemock.js', 'require-with-code-cache.js'])
  await rm(join(BIN, `${name}.map`), { force: true });
