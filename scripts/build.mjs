// `npm run build`, after tsc: what tsc does not emit but the package needs.
//  - `telemock serve` as one module (below);
//  - the specs and the generated declarations, copied;
//  - the inspector page's TypeScript as plain ES modules, one file per module (esbuild, a devDependency);
//  - CommonJS builds of `telemock` and `telemock/msw` (package.json's `require` condition), for Jest,
//    which cannot `require` ES modules. `telemock/msw` is its browser entry bundled (the specs inlined
//    as JSON, so it reads no file); `msw` stays the user's own copy, so `setupServer` and these share one MSW.
import { cpSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { build, transformSync } from 'esbuild';

const copies = [
  ['openapi.yaml', 'dist/openapi.yaml'],
  ['mock/admin-openapi.yaml', 'dist/mock/admin-openapi.yaml'],
  ['spec/generated', 'dist/spec/generated'],
];
for (const [from, to] of copies) {
  mkdirSync(to.split('/').slice(0, -1).join('/'), { recursive: true });
  cpSync(from, to, { recursive: true });
}

const PAGE = 'mock/inspector/page';
mkdirSync(`dist/${PAGE}`, { recursive: true });
for (const name of readdirSync(PAGE)) {
  const source = readFileSync(`${PAGE}/${name}`, 'utf8');
  if (name.endsWith('.html') || name.endsWith('.css')) writeFileSync(`dist/${PAGE}/${name}`, source);
  else if (name.endsWith('.ts') && !name.endsWith('.test.ts')) {
    const { code } = transformSync(source, {
      loader: 'ts',
      format: 'esm',
      target: 'es2022',
      sourcefile: name,
    });
    writeFileSync(`dist/${PAGE}/${name.replace(/\.ts$/, '.js')}`, code);
  }
}

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

// `telemock serve`: its module (mock/cli.ts) bundled over tsc's dist/mock/cli.js, so start-up reads one file
// instead of hundreds (Express alone is a hundred, found and compiled one by one). bench/README.md has what
// this and each stand-in below buy.
const CLI = resolve('dist/mock/cli.js');
const ROOT = resolve('.');
const DIST = resolve('dist');

// Loaded on demand or from node_modules: peers (msw), packages that find their own files at run time
// (swagger-ui's assets, pino-pretty in pino's worker thread), what only a rare path needs (yaml, esbuild).
const EXTERNAL = ['msw', 'pino-pretty', 'swagger-ui-express', 'esbuild', 'yaml'];

// Packages that Express or the validators import at load but that an API request never calls: the
// body parsers, qs, mime-types, and Ajv itself (the request validators are precompiled). Each is a
// stand-in whose functions load the real package on their first call.
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
const escapeRegExp = (name) => name.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const onFirstCall = {
  name: 'on-first-call',
  setup(b) {
    const names = Object.keys(ON_FIRST_CALL).map(escapeRegExp);
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

// Express makes its `debug` loggers at load, and `debug` reads the environment and the terminal to set
// them up, for output that appears only with DEBUG set. Without DEBUG they are no-ops.
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
        'module.exports = process.env.DEBUG ? require(name) : () => off;',
      ].join('\n'),
      loader: 'js',
      resolveDir: ROOT,
    }));
  },
};

// Each of our modules keeps the `import.meta.url` of its own file in dist/, so
// `new URL('../openapi.yaml', import.meta.url)` finds the same file from inside the bundle.
const keepModuleUrls = {
  name: 'keep-module-urls',
  setup(b) {
    b.onLoad({ filter: /\.(ts|js)$/ }, async (args) => {
      if (!args.path.startsWith(`${ROOT}/`) || args.path.includes('/node_modules/')) return undefined;
      let contents = readFileSync(args.path, 'utf8');
      const own = relative(dirname(CLI), join(DIST, relative(ROOT, args.path)).replace(/\.ts$/, '.js'));
      contents = contents.replaceAll(
        'import.meta.url',
        `new URL(${JSON.stringify(own)}, import.meta.url).href`,
      );
      return { contents, loader: args.path.endsWith('.ts') ? 'ts' : 'js' };
    });
  },
};

await build({
  // From the sources: bundling tsc's output in place would bundle the last build's bundle again.
  entryPoints: [resolve('mock/cli.ts')],
  outfile: CLI,
  allowOverwrite: true,
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: 'node20',
  external: EXTERNAL,
  // CommonJS packages inside an ES module still call require() for Node's built-ins; pino's transports
  // run worker files it finds beside its own code, pointed at the installed files, as pino documents for bundlers.
  banner: {
    js: `import { createRequire as __telemockRequire } from 'node:module';
const require = __telemockRequire(import.meta.url);
globalThis.__bundlerPathsOverrides ??= {
  get 'pino-worker'() { return require.resolve('pino/lib/worker.js'); },
  get 'thread-stream-worker'() { return __telemockRequire(require.resolve('pino')).resolve('thread-stream/lib/worker.js'); },
  get 'pino-pretty'() { return require.resolve('pino-pretty'); },
};`,
  },
  plugins: [onFirstCall, quietDebug, keepModuleUrls],
  logLevel: 'warning',
});
// tsc's map of the module the bundle replaced would describe other code.
rmSync(`${CLI}.map`, { force: true });
