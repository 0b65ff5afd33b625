// After `tsc -p tsconfig.build.json`: copy what tsc does not emit but dist/ needs at run time —
// the two specs, the generated declaration files, and the inspector page's sources.
import { cpSync, mkdirSync } from 'node:fs';

const copies = [
  ['openapi.yaml', 'dist/openapi.yaml'],
  ['mock/admin-openapi.yaml', 'dist/mock/admin-openapi.yaml'],
  ['src/api.d.ts', 'dist/src/api.d.ts'],
  ['src/admin-api.d.ts', 'dist/src/admin-api.d.ts'],
  ['mock/inspector/page', 'dist/mock/inspector/page'],
];
for (const [from, to] of copies) {
  mkdirSync(to.split('/').slice(0, -1).join('/'), { recursive: true });
  cpSync(from, to, { recursive: true });
}
