import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { resolveRefs } from './resolve-refs.js';

type Json = unknown;

/**
 * Reads a YAML document, or the JSON copy the build writes beside it (`openapi.json` for
 * `openapi.yaml`): parsing the YAML costs ~250 ms of start-up, JSON ~5 ms.
 */
function readDocument(file: string): Json {
  if (file.endsWith('.yaml')) {
    const json = readIfThere(`${file.slice(0, -'.yaml'.length)}.json`);
    if (json !== undefined) return JSON.parse(json) as Json;
  }
  // yaml is loaded only when there is no JSON copy (the sources, not dist/); synchronously, as
  // createHandlers() is.
  const { parse } = createRequire(import.meta.url)('yaml') as typeof import('yaml');
  return parse(readFileSync(file, 'utf8')) as Json;
}

function readIfThere(file: string): string | undefined {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

/**
 * Loads a YAML/JSON document from disk and replaces every `$ref` (local `#/…` or another file's
 * `other.yaml#/…`, relative to the referring file) with what it points to; see `resolveRefs`.
 */
export function dereference(path: string): Record<string, Json> {
  return resolveRefs(pathToFileURL(resolve(path)).href, (url) => readDocument(fileURLToPath(url)));
}
