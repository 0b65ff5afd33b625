import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// The Python integrator's tests (pytest, against `telemock serve` started from dist/) run as part
// of `npm test`. Debian's Python carries requests and pytest; the pyenv `python3` on PATH may not.
const PYTHON = '/usr/bin/python3';
const here = fileURLToPath(new URL('.', import.meta.url));
const serve = fileURLToPath(new URL('../../dist/bin/telemock.js', import.meta.url));
const probe = spawnSync(PYTHON, ['-c', 'import requests, pytest'], { encoding: 'utf8' });
const HAS_PYTHON = probe.status === 0;
const HINT =
  'needs Debian’s Python with requests and pytest: apt-get install -y python3-requests python3-pytest';

// Locally a machine without them skips, loudly; in CI (CI=true) a missing package is a failure.
const skip = !HAS_PYTHON && !process.env.CI;
if (skip)
  console.warn(
    `Skipping the Python client’s tests: ${HINT} (${probe.error?.message ?? probe.stderr.trim()})`,
  );

describe.skipIf(skip)(`examples/python with pytest (${HINT})`, () => {
  it('passes every pytest case against the real mock', () => {
    expect(HAS_PYTHON, `${PYTHON} cannot import requests and pytest: ${HINT}`).toBe(true);
    expect(existsSync(serve), 'dist/ is not built: run npm run build').toBe(true);
    const run = spawnSync(PYTHON, ['-m', 'pytest', '-q', '-p', 'no:cacheprovider', here], {
      cwd: here,
      encoding: 'utf8',
      env: { ...process.env, PYTHONDONTWRITEBYTECODE: '1', TELEMOCK_NODE: process.execPath },
      timeout: 120_000,
    });
    const output = `${run.stdout}${run.stderr}`;
    expect(run.status, output).toBe(0);
    // Every case in the file ran and passed: a run that collects nothing must not pass.
    const cases = readdirSync(here)
      .filter((name) => /^test_.*\.py$/.test(name))
      .reduce(
        (n, name) => n + (readFileSync(`${here}${name}`, 'utf8').match(/^def test_/gm)?.length ?? 0),
        0,
      );
    expect(cases).toBeGreaterThan(0);
    expect(output).toMatch(new RegExp(`\\b${cases} passed\\b`));
    expect(output).not.toMatch(/skipped|xfail|error/i);
  }, 150_000);
});
