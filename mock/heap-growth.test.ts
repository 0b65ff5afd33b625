import { setFlagsFromString } from 'node:v8';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_HEAP_GROWTH_PERCENT, limitHeapGrowth } from './heap-growth.js';

// What the flag does is V8's (the store benchmark shows it); what is ours is which flag is set, when.
vi.mock('node:v8', () => ({ setFlagsFromString: vi.fn() }));

describe('limitHeapGrowth', () => {
  beforeEach(() => vi.mocked(setFlagsFromString).mockClear());

  it('sets V8’s heap growing percent to what is asked', () => {
    limitHeapGrowth(DEFAULT_HEAP_GROWTH_PERCENT);
    limitHeapGrowth(20);
    expect(vi.mocked(setFlagsFromString).mock.calls).toEqual([
      ['--heap-growing-percent=50'],
      ['--heap-growing-percent=20'],
    ]);
  });

  it('leaves V8’s own rule at 0', () => {
    limitHeapGrowth(0);
    expect(setFlagsFromString).not.toHaveBeenCalled();
  });
});
