import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { resolveRefs } from './resolve-refs.js';

type Json = unknown;

/**
 * Reads a YAML document, or the JSON copy the build writes beside it (`openapi.json` for
 * `openapi.yaml`): parsing the YAML costs ~250 ms of start-up, JSON ~5 ms.
 */
async function readDocument(file: string): Promise<Json> {
  if (file.endsWith('.yaml')) {
    const json = await readFile(`${file.slice(0, -'.yaml'.length)}.json`, 'utf8').catch(() => undefined);
    if (json !== undefined) return JSON.parse(json) as Json;
  }
  // yaml is loaded only when there is no JSON copy (the sources, not dist/).
  const { parse } = await import('yaml');
  return parse(await readFile(file, 'utf8')) as Json;
}

/**
 * Loads a YAML/JSON document from disk and replaces every `$ref` (local `#/…` or another file's
 * `other.yaml#/…`, relative to the referring file) with what it points to; see `resolveRefs`.
 */
export async function dereference(path: string): Promise<Record<string, Json>> {
  return resolveRefs(pathToFileURL(resolve(path)).href, (url) => readDocument(fileURLToPath(url)));
}
