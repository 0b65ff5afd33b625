import { readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { parse } from 'yaml';
import { SPEC_PATH } from '../../spec/spec.js';

// esbuild is needed only when the page is first served; loading it lazily keeps it out of start-up.
const esbuild = (): typeof import('esbuild') => createRequire(import.meta.url)('esbuild');

/** A file of the inspector page, ready to send. */
export interface InspectorAsset {
  contentType: string;
  body: string | Buffer;
}

const PAGE_DIR = new URL('./page/', import.meta.url);
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

let cache: Record<string, InspectorAsset> | undefined;

/**
 * The inspector's files, by path under /__mock/ui ('' and 'index.html' are the page). The page's
 * TypeScript is type-checked with the rest of the tree and stripped to plain ES modules here, one
 * file per module, so the browser loads them as they are written: no bundle, no CDN.
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
  const spec = parse(readFileSync(SPEC_PATH, 'utf8')) as { paths: Record<string, Record<string, unknown>> };
  const found: Array<{ operationId: string; method: string; path: string }> = [];
  for (const [path, item] of Object.entries(spec.paths)) {
    for (const method of METHODS) {
      const op = item[method] as { operationId?: string } | undefined;
      if (op?.operationId) found.push({ operationId: op.operationId, method: method.toUpperCase(), path });
    }
  }
  return found;
}
