import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { loadSpecSync } from '../../spec/spec.js';

// From the sources only (dist/ holds the page as JavaScript, transpiled by the build): esbuild is a
// devDependency, loaded on the first visit.
const esbuild = (): typeof import('esbuild') => createRequire(import.meta.url)('esbuild');

/** A file of the inspector page, ready to send. */
export interface InspectorAsset {
  contentType: string;
  body: string | Buffer;
}

const PAGE_DIR = new URL('./page/', import.meta.url);

let cache: Record<string, InspectorAsset> | undefined;

/**
 * The inspector's files, by path under /__mock/ui ('' and 'index.html' are the page). The page's
 * TypeScript is type-checked with the rest of the tree and served as plain ES modules, one file per
 * module, so the browser loads them as they are written: no bundle, no CDN. The package has them
 * as JavaScript (scripts/build.mjs); from the sources they are transpiled on the first visit.
 */
export function inspectorAssets(): Record<string, InspectorAsset> {
  cache ??= buildAssets();
  return cache;
}

function buildAssets(): Record<string, InspectorAsset> {
  const assets: Record<string, InspectorAsset> = {};
  for (const name of readdirSync(PAGE_DIR)) {
    const source = readFileSync(new URL(name, PAGE_DIR), 'utf8');
    if (name.endsWith('.html')) {
      assets[name] = { contentType: 'text/html; charset=utf-8', body: source };
    } else if (name.endsWith('.css')) {
      assets[name] = { contentType: 'text/css; charset=utf-8', body: source };
    } else if (name.endsWith('.js')) {
      assets[name] = { contentType: 'text/javascript; charset=utf-8', body: source };
    } else if (name.endsWith('.ts') && !name.endsWith('.test.ts') && !name.endsWith('.d.ts')) {
      const { code } = esbuild().transformSync(source, {
        loader: 'ts',
        format: 'esm',
        target: 'es2022',
        sourcefile: name,
      });
      assets[name.replace(/\.ts$/, '.js')] = { contentType: 'text/javascript; charset=utf-8', body: code };
    }
  }
  const page = assets['index.html'];
  if (page) assets[''] = page;
  assets['operations.json'] = {
    contentType: 'application/json; charset=utf-8',
    body: JSON.stringify(operationIds()),
  };
  return assets;
}

/** The telephony API's operations, for the fault form: read from openapi.yaml, never listed by hand. */
function operationIds(): Array<{ operationId: string; method: string; path: string }> {
  return [...loadSpecSync().operations.values()].map(({ operationId, method, path }) => ({
    operationId,
    method,
    path,
  }));
}
