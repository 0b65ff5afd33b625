#!/usr/bin/env bash
# `npm pack` → install the tarball in an empty project → its three entry points import, run and
# type-check there. What an integrator who installs telemock gets.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# dist/ is already built (npm ci ran `prepare`); pack it as it is.
tarball=$(cd "$root" && npm pack --silent --ignore-scripts --pack-destination "$work" | tail -n 1)
mkdir "$work/app" && cd "$work/app"
npm init -y >/dev/null
npm pkg set type=module >/dev/null
npm install --no-audit --no-fund --prefer-offline "$work/$tarball" msw@2.15.0 typescript@5.9.3 @types/node@20 >/dev/null

cat > check.ts <<'TS'
import { createTelephonyClient, verifyWebhook, type components } from 'telemock';
import { createHandlers } from 'telemock/msw';
import { createHandlers as createBrowserHandlers } from 'telemock/msw/browser';
import { startMock } from 'telemock/server';

const mock = await startMock({ port: 0, timeScale: 'manual' });
const api = createTelephonyClient({ baseUrl: mock.url, token: 'demo-token' });
const agent = await api.POST('/agents', { body: { name: 'Packaged' } });
const created: components['schemas']['Agent'] | undefined = agent.data;
if (agent.response.status !== 201 || !created?.id.startsWith('agt_')) throw new Error(`createAgent: ${agent.response.status}`);
const handlers = await createHandlers({ baseUrl: 'https://api.example.test' });
if (handlers.handlers.length === 0) throw new Error('no MSW handlers');
// The browser entry carries the specs inside the package (no file reads): it runs anywhere.
const bundled = await createBrowserHandlers({ baseUrl: 'https://api.example.test' });
if (bundled.handlers.length === 0) throw new Error('no MSW handlers from telemock/msw/browser');
if (typeof verifyWebhook !== 'function') throw new Error('verifyWebhook missing');
await mock.close();
console.log('package OK: telemock, telemock/server, telemock/msw and telemock/msw/browser import, run and type-check');
TS
cat > tsconfig.json <<'JSON'
{ "compilerOptions": { "target": "ES2022", "module": "nodenext", "moduleResolution": "nodenext", "strict": true, "noEmit": true, "skipLibCheck": false, "lib": ["ES2022", "DOM", "DOM.Iterable"], "types": ["node"] }, "include": ["check.ts"] }
JSON
# Type-check against the package's declarations, then run the compiled check.
npx tsc -p tsconfig.json --noEmit false --outDir out
node out/check.js
