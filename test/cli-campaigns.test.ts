import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock } from '../exports/server.js';
import { serveOptions } from '../mock/cli.js';

const run = promisify(execFile);

const CAMPAIGN = [
  'scenarios:',
  '  - name: confirms',
  '    steps: [{ say: Yes }, { expect: { agent: { any: true } } }]',
  'populations:',
  '  - name: morning',
  "    match: { to: { prefix: '+1415555' } }",
  '    mix:',
  '      - { scenario: confirms, weight: 90 }',
  '      - { outcome: voicemail, weight: 10 }',
  '',
].join('\n');

describe('telemock serve: populations and webhook delivery from files and flags', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'telemock-campaigns-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('loads populations beside scenarios, the config’s webhookDelivery, and --webhook-chaos over it', async () => {
    const file = join(dir, 'campaign.yaml');
    await writeFile(file, CAMPAIGN);
    const config = join(dir, 'config.yaml');
    await writeFile(config, 'webhookDelivery: { duplicate: 0.5 }\n');
    const start = async (...more: string[]) => {
      const options = await serveOptions([
        '--config',
        config,
        '--scenarios',
        file,
        '--log-level',
        'silent',
        '--port',
        '0',
        ...more,
      ]);
      if (options === 'help') throw new Error('unexpected help');
      return startMock(options);
    };
    const fromConfig = await start();
    try {
      expect((await fromConfig.listPopulations()).map((p) => p.name)).toEqual(['morning']);
      expect(await (await fetch(`${fromConfig.url}/__mock/webhook-delivery`)).json()).toEqual({
        duplicate: 0.5,
        reorder: 0,
        delay: { min: 0, max: 0 },
      });
    } finally {
      await fromConfig.close();
    }
    const fromFlag = await start('--webhook-chaos', 'reorder=0.1,delay=0-3');
    try {
      expect(await (await fetch(`${fromFlag.url}/__mock/webhook-delivery`)).json()).toEqual({
        duplicate: 0,
        reorder: 0.1,
        delay: { min: 0, max: 3 },
      });
    } finally {
      await fromFlag.close();
    }
  });

  it('a config webhookDelivery out of range stops start-up naming the field', async () => {
    const config = join(dir, 'bad-delivery.yaml');
    await writeFile(config, 'webhookDelivery: { reorder: 7 }\n');
    const options = await serveOptions(['--config', config, '--log-level', 'silent', '--port', '0']);
    if (options === 'help') throw new Error('unexpected help');
    await expect(startMock(options)).rejects.toThrow('webhookDelivery: /reorder must be <= 1');
  });

  it('a population naming an unknown scenario stops start-up with the population and the field (exit 2)', async () => {
    const file = join(dir, 'bad.yaml');
    await writeFile(file, CAMPAIGN.replace('scenario: confirms', 'scenario: ghost'));
    const failed = await run('node_modules/.bin/tsx', [
      'bin/telemock.ts',
      'serve',
      '--port',
      '0',
      '--scenarios',
      file,
      '--log-level',
      'silent',
    ]).then(
      () => undefined,
      (error: { code: number; stderr: string }) => error,
    );
    expect(failed?.code).toBe(2);
    expect(failed?.stderr).toContain(
      'Population "morning": /mix/0/scenario names no scenario: define "ghost" first.',
    );
  });
});
