import { open, readFile, rename, unlink } from 'node:fs/promises';
import type { Logger } from 'pino';
import type { StateSnapshot } from '../domain/telephony.js';
import type { ApiResponse } from '../pipeline/types.js';

/** The newest state version this telemock reads and writes (StateSnapshot.version in the admin spec). */
const STATE_VERSION = 1;

/** A state file telemock will not start over: it is left exactly as it was. */
export class StateFileError extends Error {}

export interface StateFileOptions {
  path: string;
  /** The export: what `GET /__mock/state` answers. */
  snapshot: () => StateSnapshot;
  /** The import `PUT /__mock/state` runs (same parsing and validation), given the file's bytes. */
  importState: (body: Uint8Array) => Promise<ApiResponse>;
  /** How long after a change the file is written; 500 ms by default, so `kill -9` loses at most that. */
  delayMs?: number;
  logger?: Logger | undefined;
}

/**
 * `--state-file`: the mock's state kept across restarts. Loaded at start through the same import
 * as `PUT /__mock/state`, so a file the admin API would refuse stops start-up instead (and is never
 * overwritten); written atomically (a temporary file renamed over it) shortly after each change
 * and on shutdown.
 */
export class StateFile {
  readonly #options: StateFileOptions;
  #timer: ReturnType<typeof setTimeout> | undefined;
  #writing: Promise<void> = Promise.resolve();
  #loaded = false;

  constructor(options: StateFileOptions) {
    this.#options = options;
  }

  /** Loads the file if there is one; throws StateFileError (with what is wrong) if it cannot be. */
  async load(): Promise<'loaded' | 'absent'> {
    const { path } = this.#options;
    let bytes: Buffer;
    try {
      bytes = await readFile(path);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT')
        throw new StateFileError(`${path}: ${(error as Error).message}`);
      this.#loaded = true;
      return 'absent';
    }
    const refuse = (why: string) =>
      new StateFileError(
        `${path} ${why}; telemock did not start and left the file as it is. Fix or move it, or start without --state-file.`,
      );
    let version: unknown;
    try {
      version = (JSON.parse(bytes.toString('utf8')) as { version?: unknown } | null)?.version;
    } catch (error) {
      throw refuse(`is not a state file (not JSON: ${(error as Error).message})`);
    }
    if (typeof version === 'number' && version > STATE_VERSION)
      throw refuse(
        `was written by a newer telemock (state version ${version}; this one reads version ${STATE_VERSION})`,
      );
    const answer = await this.#options.importState(bytes);
    if (answer.status !== 204) {
      const problem = JSON.parse(answer.body ?? '{}') as { detail?: string };
      throw refuse(
        `was refused as PUT /__mock/state would refuse it (${answer.status}: ${problem.detail ?? 'no detail'})`,
      );
    }
    this.#loaded = true;
    return 'loaded';
  }

  /** Notes a change: the file is written within `delayMs`, however many changes come meanwhile. */
  changed(): void {
    if (!this.#loaded || this.#timer) return;
    this.#timer = setTimeout(() => {
      this.#timer = undefined;
      void this.#save();
    }, this.#options.delayMs ?? 500);
    this.#timer.unref();
  }

  /** Writes what is pending now (on shutdown) and waits for it. */
  async flush(): Promise<void> {
    if (!this.#loaded) return;
    clearTimeout(this.#timer);
    this.#timer = undefined;
    await this.#save();
  }

  // One write at a time, each of the state as it is when it starts; a failure is logged and the next change retries.
  #save(): Promise<void> {
    this.#writing = this.#writing.then(async () => {
      const { path } = this.#options;
      const temporary = `${path}.${process.pid}.tmp`;
      try {
        const file = await open(temporary, 'w', 0o600);
        try {
          await file.writeFile(JSON.stringify(this.#options.snapshot()));
          await file.datasync();
        } finally {
          await file.close();
        }
        await rename(temporary, path);
      } catch (error) {
        this.#options.logger?.error({ err: error, path }, 'could not write the state file');
        await unlink(temporary).catch(() => {});
      }
    });
    return this.#writing;
  }
}
