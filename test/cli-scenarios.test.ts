import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMock } from '../exports/server.js';
import { serveOptions } from '../mock/cli.js';

const run = promisify(execFile);

describe('telemock serve --scenarios and config scenarios:', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'telemock-scenarios-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('loads several scenarios per file (YAML and JSON) and the config’s own, in that order', async () => {
    const yamlFile = join(dir, 'two.yaml');
    await writeFile(
      yamlFile,
      [
        '- name: first',
        "  match: { to: '+15005550141' }",
        '  steps: [{ say: Hello }]',
        '- name: second',
        "  match: { to: ['+15005550142', 'sip:desk@pbx.example.com'] }",
        '  steps: [{ hangup: {} }]',
        '',
      ].join('\n'),
    );
    const jsonFile = join(dir, 'one.json');
    await writeFile(
      jsonFile,
      JSON.stringify({ scenarios: [{ name: 'third', match: { to: '+15005550143' }, steps: [] }] }),
    );
    const config = join(dir, 'config.yaml');
    await writeFile(
      config,
      "scenarios:\n  - name: zero\n    match: { to: '+15005550140' }\n    steps: [{ wait: 1 }]\n",
    );
    const options = await serveOptions([
      '--config',
      config,
      '--scenarios',
      yamlFile,
      '--scenarios',
      jsonFile,
      '--log-level',
      'silent',
      '--port',
      '0',
    ]);
    if (options === 'help') throw new Error('unexpected help');
    const mock = await startMock(options);
    try {
      expect((await mock.listScenarios()).map((s) => s.name)).toEqual(['zero', 'first', 'second', 'third']);
    } finally {
      await mock.close();
    }
  });

  it('a bad file stops start-up with the scenario, the step and the field (exit 2), serving nothing', async () => {
    const file = join(dir, 'bad.yaml');
    await writeFile(
      file,
      [
        '- name: fine',
        "  match: { to: '+15005550141' }",
        '  steps: [{ say: Hello }]',
        '- name: broken',
        "  match: { to: '+15005550142' }",
        '  steps:',
        '    - say: Hi',
        '    - expect: { agent: { contains: time }, within: -1 }',
        '',
      ].join('\n'),
    );
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
      (error: { code: number; stdout: string; stderr: string }) => error,
    );
    expect(failed?.code).toBe(2);
    expect(failed?.stderr).toContain('Scenario "broken": step 1: /steps/1/expect/within must be > 0');
    expect(failed?.stdout).not.toContain('serving');
  });

  it('a file that is not YAML stops start-up naming the file', async () => {
    const file = join(dir, 'garbage.yaml');
    await writeFile(file, 'scenarios: [unclosed\n');
    await expect(serveOptions(['--scenarios', file])).rejects.toThrow(`--scenarios ${file}: not YAML`);
  });
});
