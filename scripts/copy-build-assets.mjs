// After `tsc -p tsconfig.build.json`: copy what tsc does not emit but dist/ needs at run time —
// the two specs (and JSON copies of them), the generated declarations, the inspector page's sources.
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'yaml';

const copies = [
  ['openapi.yaml', 'dist/openapi.yaml'],
  ['mock/admin-openapi.yaml', 'dist/mock/admin-openapi.yaml'],
  ['spec/generated/api.d.ts', 'dist/spec/generated/api.d.ts'],
  ['spec/generated/admin-api.d.ts', 'dist/spec/generated/admin-api.d.ts'],
  ['mock/inspector/page', 'dist/mock/inspector/page'],
];
for (const [from, to] of copies) {
  mkdirSync(to.split('/').slice(0, -1).join('/'), { recursive: true });
  cpSync(from, to, { recursive: true });
}

// JSON copies of the specs beside the YAML: the mock reads these at start-up instead of parsing YAML.
for (const spec of ['dist/openapi.yaml', 'dist/mock/admin-openapi.yaml']) {
  writeFileSync(spec.replace(/\.yaml$/, '.json'), JSON.stringify(parse(readFileSync(spec, 'utf8'))));
}
