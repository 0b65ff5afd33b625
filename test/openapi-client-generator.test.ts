import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createClient } from '@hey-api/openapi-ts';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { SPEC_PATH } from '../spec/spec.js';

// An integrator who does not use our client generates their own. @hey-api/openapi-ts is one
// mainstream generator: it must take openapi.yaml without a warning, give every type the spec's
// own name (a name that is both a schema and a parameter comes out as `CallId2`), and what it
// writes must compile under `tsc --strict` with nodenext, as the integrator's project would.

const dir = mkdtempSync(join(tmpdir(), 'telemock-hey-api-'));
const out = join(dir, 'client');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

// The integrator's code over the generated SDK: it must type-check against the spec's names.
const USE = `import { createAgent, createCall, getCall, hangUpCall } from './client/sdk.gen.js';
import type { Call, CallId, AgentId, TextId, Problem } from './client/types.gen.js';

export async function callAndHangUp(to: string): Promise<Call['status'] | Problem['code']> {
  const agent = await createAgent({ body: { name: 'Front desk' } });
  if (!agent.data) return agent.error?.code ?? 'no agent';
  const agentId: AgentId = agent.data.id;
  const created = await createCall({ body: { to, agentId } });
  if (!created.data) return created.error?.code ?? 'no call';
  const callId: CallId = created.data.id;
  await getCall({ path: { callId } });
  const ended = await hangUpCall({ path: { callId } });
  return ended.data?.status ?? 'unknown';
}
export const someText: TextId = 'txt_0000000000000000';
`;

const TSCONFIG = {
  compilerOptions: {
    target: 'ES2022',
    lib: ['ES2022', 'DOM', 'DOM.Iterable'],
    module: 'nodenext',
    moduleResolution: 'nodenext',
    strict: true,
    noUncheckedIndexedAccess: true,
    verbatimModuleSyntax: true,
    noEmit: true,
    types: [],
  },
  include: ['client', 'use.ts'],
};

describe('a TypeScript client generated from openapi.yaml by @hey-api/openapi-ts', () => {
  it('generates without a warning, with no name made unique by a number', async () => {
    const warned = [vi.spyOn(console, 'warn'), vi.spyOn(console, 'error')];
    await createClient({
      input: SPEC_PATH,
      output: { path: out, importFileExtension: '.js' },
      logs: { level: 'warn', file: false },
      plugins: ['@hey-api/client-fetch', '@hey-api/typescript', '@hey-api/sdk'],
    });
    const messages = warned.flatMap((spy) => spy.mock.calls.map((call) => call.join(' ')));
    for (const spy of warned) spy.mockRestore();
    expect(messages).toEqual([]);

    const types = readFileSync(join(out, 'types.gen.ts'), 'utf8');
    const exported = new Set([...types.matchAll(/^export type (\w+)/gm)].map((m) => m[1] as string));
    // `CallId2` exists only because `CallId` was taken: a clash the spec must not have.
    const renamed = [...exported].filter(
      (name) => /\d$/.test(name) && exported.has(name.replace(/\d+$/, '')),
    );
    expect(renamed).toEqual([]);
    for (const name of ['Call', 'CallId', 'AgentId', 'TextId', 'Problem', 'CreateCallData'])
      expect(exported, name).toContain(name);
  });

  it('compiles with tsc --strict (nodenext), with an integrator’s code over it', async () => {
    writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module' }));
    writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(TSCONFIG));
    writeFileSync(join(dir, 'use.ts'), USE);
    const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
    const run = await promisify(execFile)(process.execPath, [tsc, '-p', join(dir, 'tsconfig.json')]).then(
      () => ({ code: 0, output: '' }),
      (error: { code: number; stdout: string }) => ({ code: error.code, output: error.stdout }),
    );
    expect(run).toEqual({ code: 0, output: '' });
  }, 120_000);
});
