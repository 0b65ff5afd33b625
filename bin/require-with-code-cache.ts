import { isAscii } from 'node:buffer';
import { readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, resolve } from 'node:path';
import vm from 'node:vm';

/**
 * What became of the code cache: used (`accepted`), refused by V8 (`rejected`: another Node or V8,
 * other V8 flags, a damaged file), made for another build of the bundle (`stale`), not there
 * (`absent`), or not asked for (`off`, TELEMOCK_CODE_CACHE=off).
 */
export type CodeCacheState = 'accepted' | 'rejected' | 'stale' | 'absent' | 'off';

export interface CachedModule<T> {
  exports: T;
  codeCache: CodeCacheState;
  /**
   * Writes V8's code for everything this bundle has compiled so far (its top level and every
   * function that ran), for the next start to load instead of compiling. Atomic: a temp, a rename.
   */
  writeCodeCache(file?: string): void;
}

// The bundle's first line, written by scripts/bundle.mjs; a cache file starts with the same id.
const BUILD_LINE = /^\/\/ build ([0-9a-f]+)\n/;
const NEWLINE = 0x0a;

/**
 * Runs a CommonJS bundle the way `require` would, over a V8 code cache kept beside it
 * (`<file>.v8cache`): the start-up of `telemock serve` then reads compiled code instead of
 * parsing and compiling ~2 MB of JavaScript (Node 22's `module.enableCompileCache()` does the same
 * for every module; Node 20 has only `vm.Script`'s `cachedData`). The cache is used only with the
 * build it was made from; anything else compiles as usual.
 */
export function requireWithCodeCache<T>(
  path: string,
  cacheFile = `${path}.v8cache`,
  env: NodeJS.ProcessEnv = process.env,
): CachedModule<T> {
  const file = resolve(path);
  const bytes = readFileSync(file);
  // An ASCII file (esbuild's output, `charset: 'ascii'`) is read as Latin-1: the same text, ~3× faster
  // to decode than UTF-8 (~5 ms of start-up for a 1.5 MB bundle).
  const source = bytes.toString(isAscii(bytes) ? 'latin1' : 'utf8');
  const build = BUILD_LINE.exec(source)?.[1];
  const found: { state: CodeCacheState; data?: Buffer } =
    env.TELEMOCK_CODE_CACHE === 'off' ? { state: 'off' } : readCache(cacheFile, build);
  // One line with the source's first, so line numbers in stack traces are the file's own.
  const script = new vm.Script(`(function (exports, require, module, __filename, __dirname) {${source}\n})`, {
    filename: file,
    ...(found.data ? { cachedData: found.data } : {}),
    // import() inside the bundle (swagger-ui, the inspector's page, yaml) as in any module.
    importModuleDynamically: vm.constants.USE_MAIN_CONTEXT_DEFAULT_LOADER,
  });
  const module = { exports: {} as T };
  script.runInThisContext()(module.exports, createRequire(file), module, file, dirname(file));
  const state = found.data && script.cachedDataRejected ? 'rejected' : found.state;
  return {
    exports: module.exports,
    codeCache: state,
    writeCodeCache(to = cacheFile) {
      if (build === undefined) throw new Error(`${file} names no build ('// build <id>' on its first line)`);
      const temp = `${to}.${process.pid}.tmp`;
      writeFileSync(temp, Buffer.concat([Buffer.from(`${build}\n`), script.createCachedData()]));
      renameSync(temp, to);
    },
  };
}

function readCache(cacheFile: string, build: string | undefined): { state: CodeCacheState; data?: Buffer } {
  let bytes: Buffer;
  try {
    bytes = readFileSync(cacheFile);
  } catch {
    return { state: 'absent' };
  }
  const end = bytes.indexOf(NEWLINE);
  if (build === undefined || end < 0 || bytes.toString('latin1', 0, end) !== build) return { state: 'stale' };
  return { state: 'accepted', data: bytes.subarray(end + 1) };
}
