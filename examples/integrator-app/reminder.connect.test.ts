// The integrator's test against telemock in another process — as CI runs it beside the app's
// tests (`npx telemock serve --time-scale manual`) — steered through connectMock over HTTP.
import { type ChildProcess, spawn } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { createInterface } from 'node:readline';
import { createTelephonyClient } from 'telemock';
import { type ConnectedMock, connectMock } from 'telemock/server';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { reminderCases, remindOnMock } from './reminder-cases.js';

/** Starts `telemock serve` on a free port with a manual clock; resolves to its URL from the banner. */
async function serve(): Promise<{ url: string; child: ChildProcess }> {
  const bin = join(
    dirname(createRequire(import.meta.url).resolve('telemock/package.json')),
    'dist/bin/telemock.js',
  );
  const child = spawn(process.execPath, [bin, 'serve', '--port', '0', '--time-scale', 'manual'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  for await (const line of createInterface({ input: child.stdout as NodeJS.ReadableStream })) {
    const url = /serving the AI telephony API on (http:\/\/\S+)/.exec(line)?.[1];
    if (url) return { url, child };
  }
  throw new Error(`telemock serve exited (${child.exitCode}) before serving`);
}

let served: { url: string; child: ChildProcess };
let mock: ConnectedMock;
beforeAll(async () => {
  served = await serve();
  mock = await connectMock(served.url);
});
afterAll(() => {
  served.child.kill();
});
beforeEach(() => mock.reset());

describe('reminders, against telemock in another process (connectMock)', () => {
  it.each(reminderCases)('%s', async (_name, want) => {
    const api = createTelephonyClient({ baseUrl: mock.url, token: 'demo-token' });
    const { to, ...expected } = want;
    expect(await remindOnMock(api, mock, to)).toEqual(expected);
    expect(await mock.requests({ operationId: 'createCall', status: 201 })).toHaveLength(1);
  });
});
