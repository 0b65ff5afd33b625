import { describe, expect, it } from 'vitest';
import { parseContractOptions } from './options.js';

const BASE = ['--base-url', 'http://target', '--token', 't'];

describe('parseContractOptions: where the tokens come from', () => {
  it.each([
    ['the flag', [...BASE, '--suspended-token', 'flag-s'], {}, 'flag-s'],
    ['the environment', BASE, { TELEMOCK_SUSPENDED_TOKEN: 'env-s' }, 'env-s'],
    [
      'the flag over the environment',
      [...BASE, '--suspended-token', 'flag-s'],
      { TELEMOCK_SUSPENDED_TOKEN: 'env-s' },
      'flag-s',
    ],
    ['neither', BASE, {}, undefined],
  ])('--suspended-token from %s', (_name, args, env, want) => {
    const options = parseContractOptions(args, env);
    expect(options !== 'help' && options.suspendedToken).toBe(want ?? undefined);
  });
});
