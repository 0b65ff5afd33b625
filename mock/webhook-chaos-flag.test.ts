import { describe, expect, it } from 'vitest';
import { parseWebhookChaos } from './webhook-chaos-flag.js';

describe('--webhook-chaos', () => {
  const parsed: Array<[string, ReturnType<typeof parseWebhookChaos>]> = [
    ['duplicate=0.1,reorder=0.1,delay=0-3', { duplicate: 0.1, reorder: 0.1, delay: { min: 0, max: 3 } }],
    ['duplicate=1', { duplicate: 1 }],
    ['delay=2', { delay: { min: 2, max: 2 } }],
    [' reorder=0.5 , delay=0.5-1.5 ', { reorder: 0.5, delay: { min: 0.5, max: 1.5 } }],
    ['', {}],
  ];
  for (const [flag, want] of parsed) it(`'${flag}'`, () => expect(parseWebhookChaos(flag)).toEqual(want));

  const refused: Array<[string, string]> = [
    ['duplicate=2', 'duplicate=2 is not a probability from 0 to 1'],
    ['duplicate=', 'duplicate= is not a probability'],
    ['reorder=x', 'reorder=x is not a probability'],
    ['delay=3-1', 'delay 3-1 ends before it starts'],
    ['delay=a-3', 'delay a is not a number of seconds'],
    ['drop=0.1', "'drop' is none of duplicate, reorder, delay"],
    ['duplicate', "not 'duplicate'"],
  ];
  for (const [flag, says] of refused)
    it(`refuses '${flag}'`, () => expect(() => parseWebhookChaos(flag)).toThrow(says));
});
