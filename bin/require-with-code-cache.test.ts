import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { requireWithCodeCache } from './require-with-code-cache.js';

// A CommonJS bundle as scripts/bundle.mjs writes one: the build on its first line.
const bundle = (build: string, answer = 42) => `// build ${build}
const { basename } = require('node:path');
let calls = 0;
exports.answer = () => { calls++; return ${answer}; };
exports.calls = () => calls;
exports.where = () => [basename(__filename), basename(__dirname)];
exports.later = () => import('node:path').then((m) => typeof m.join);
exports.fails = () => { throw new Error('from the bundle'); };
`;

interface Loaded {
  answer(): number;
  calls(): number;
  where(): string[];
  later(): Promise<string>;
  fails(): never;
}

describe('requireWithCodeCache', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'telemock-code-cache-'));
    file = join(dir, 'cli.cjs');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('runs the bundle as require would, with no cache at first', async () => {
    writeFileSync(file, bundle('a1'));
    const loaded = requireWithCodeCache<Loaded>(file, undefined, {});
    expect(loaded.codeCache).toBe('absent');
    expect(loaded.exports.answer()).toBe(42);
    expect(loaded.exports.where()).toEqual(['cli.cjs', dir.split('/').pop()]);
    // import() inside the bundle works as in any module.
    await expect(loaded.exports.later()).resolves.toBe('function');
    // Line numbers are the file's own: the wrapper shares the first line.
    const stack = (() => {
      try {
        loaded.exports.fails();
      } catch (error) {
        return (error as Error).stack ?? '';
      }
    })();
    expect(stack).toContain(`${file}:8:`);
  });

  it('uses the cache it wrote for the same build, and the bundle runs the same', () => {
    writeFileSync(file, bundle('a1'));
    const first = requireWithCodeCache<Loaded>(file, undefined, {});
    first.exports.answer();
    first.writeCodeCache();
    expect(readFileSync(`${file}.v8cache`).subarray(0, 3).toString()).toBe('a1\n');

    const second = requireWithCodeCache<Loaded>(file, undefined, {});
    expect(second.codeCache).toBe('accepted');
    expect(second.exports.answer()).toBe(42);
    // A module of its own: the first load's state is not shared.
    expect(second.exports.calls()).toBe(1);
  });

  it('leaves a cache of another build alone, even one V8 would take (same length)', () => {
    writeFileSync(file, bundle('a1', 42));
    requireWithCodeCache<Loaded>(file, undefined, {}).writeCodeCache();
    // Another build of the same length: V8 checks only the length, and would run the old code.
    writeFileSync(file, bundle('b2', 43));
    const loaded = requireWithCodeCache<Loaded>(file, undefined, {});
    expect(loaded.codeCache).toBe('stale');
    expect(loaded.exports.answer()).toBe(43);
  });

  it('compiles as usual when V8 refuses a damaged cache', () => {
    writeFileSync(file, bundle('a1'));
    writeFileSync(`${file}.v8cache`, Buffer.concat([Buffer.from('a1\n'), Buffer.alloc(512, 7)]));
    const loaded = requireWithCodeCache<Loaded>(file, undefined, {});
    expect(loaded.codeCache).toBe('rejected');
    expect(loaded.exports.answer()).toBe(42);
  });

  it('treats a cache with no build line, or a bundle with none, as stale', () => {
    writeFileSync(file, bundle('a1'));
    writeFileSync(`${file}.v8cache`, Buffer.alloc(64, 1));
    expect(requireWithCodeCache<Loaded>(file, undefined, {}).codeCache).toBe('stale');

    writeFileSync(file, bundle('a1').replace(/^.*\n/, ''));
    writeFileSync(`${file}.v8cache`, 'a1\n');
    const unnamed = requireWithCodeCache<Loaded>(file, undefined, {});
    expect(unnamed.codeCache).toBe('stale');
    expect(() => unnamed.writeCodeCache()).toThrow(/names no build/);
  });

  it('reads a bundle that is not ASCII as UTF-8', () => {
    writeFileSync(file, `${bundle('a1')}exports.text = () => 'caf\u00e9 \u2014 \u00d7';\n`);
    const loaded = requireWithCodeCache<Loaded & { text(): string }>(file, undefined, {});
    expect(loaded.exports.text()).toBe('café — ×');
  });

  it('reads no cache with TELEMOCK_CODE_CACHE=off', () => {
    writeFileSync(file, bundle('a1'));
    requireWithCodeCache<Loaded>(file, undefined, {}).writeCodeCache();
    const loaded = requireWithCodeCache<Loaded>(file, undefined, { TELEMOCK_CODE_CACHE: 'off' });
    expect(loaded.codeCache).toBe('off');
    expect(loaded.exports.answer()).toBe(42);
  });

  it('writes the cache elsewhere when told, through a temp file', () => {
    writeFileSync(file, bundle('a1'));
    const other = join(dir, 'other.v8cache');
    requireWithCodeCache<Loaded>(file, undefined, {}).writeCodeCache(other);
    expect(requireWithCodeCache<Loaded>(file, other, {}).codeCache).toBe('accepted');
    expect(requireWithCodeCache<Loaded>(file, undefined, {}).codeCache).toBe('absent');
  });
});
