// `npm run generate`, after the types: both specs as JSON in spec/generated/, each with the SHA-256 of
// the YAML it was made from. The browser's handlers import them (a bundler inlines JSON, not YAML);
// Node reads one in place of parsing the YAML while the digests match (spec/dereference.ts).
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'yaml';

for (const [yaml, json] of [
  ['openapi.yaml', 'spec/generated/openapi.json'],
  ['mock/admin-openapi.yaml', 'spec/generated/admin-openapi.json'],
]) {
  const text = readFileSync(yaml, 'utf8');
  const source = createHash('sha256').update(text).digest('hex');
  writeFileSync(json, `${JSON.stringify({ source, document: parse(text) })}\n`);
}
