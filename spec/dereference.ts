import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { resolveRefs } from './resolve-refs.js';

type Json = unknown;

// The specs' JSON copies (`npm run generate`), by the YAML file's name.
const GENERATED = new Map([
  ['openapi.yaml', new URL('./generated/openapi.json', import.meta.url)],
  ['admin-openapi.yaml', new URL('./generated/admin-openapi.json', import.meta.url)],
]);

/**
 * Reads a YAML document, or its JSON copy in spec/generated/ while that was made from this very
 * text (its SHA-256): parsing YAML costs far more start-up than JSON (bench/README.md), and a copy
 * made from an older YAML is never used.
 */
function readDocument(file: string): Json {
  if (!file.endsWith('.yaml')) return JSON.parse(readFileSync(file, 'utf8')) as Json;
  const text = readFileSync(file, 'utf8');
  const copy = GENERATED.get(basename(file));
  const generated = copy && readCopy(copy);
  if (generated && generated.source === createHash('sha256').update(text).digest('hex'))
    return generated.document;
  // yaml is loaded only when there is no current copy; synchronously, as createHandlers() is.
  const { parse } = createRequire(import.meta.url)('yaml') as typeof import('yaml');
  return parse(text) as Json;
}

function readCopy(file: URL): { source: string; document: Json } | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as { source: string; document: Json };
  } catch {
    // Not there (a bundle that moved this module): the YAML it is.
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
