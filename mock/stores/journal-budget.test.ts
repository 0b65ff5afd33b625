import { describe, expect, it } from 'vitest';
import { journalRecord } from '../../test/support/journal-record.js';
import { cutMarker, JOURNAL_BODY_BYTES, Journal, type JournalRecord } from './journal.js';

const KB = 1024;
const encode = (text: string) => new TextEncoder().encode(text);

/** How many entries like `fields` a journal of `maxBytes` keeps after ten of them, and what it holds. */
function afterTen(maxBytes: number, fields: Partial<JournalRecord>) {
  const journal = new Journal(1000, maxBytes);
  for (let i = 1; i <= 10; i++) journal.record(journalRecord(`r${i}`, fields));
  return { kept: journal.list().map((e) => e.id), bytes: journal.bytes };
}

describe('the journal’s byte budget counts every part of an entry', () => {
  // Each entry here costs a little over 50 KB; a budget of 200 KB holds three of them.
  it.each([
    ['a long path', { path: `/calls?q=${'p'.repeat(50 * KB)}` }],
    ['a large request header', { requestHeaders: { 'x-big': 'h'.repeat(50 * KB) } }],
    ['a header with a long name', { requestHeaders: { ['n'.repeat(50 * KB)]: 'v' } }],
    ['a large response header', { responseHeaders: { 'x-big': 'h'.repeat(50 * KB) } }],
    [
      'request bodies (10 KiB kept of each)',
      { requestBody: encode('b'.repeat(60 * KB)), path: '/p'.repeat(20 * KB) },
    ],
    [
      'response bodies (10 KiB kept of each)',
      { responseBody: 'b'.repeat(60 * KB), path: '/p'.repeat(20 * KB) },
    ],
  ])('%s: the oldest entries go once the budget is spent', (_name, fields) => {
    const { kept, bytes } = afterTen(200 * KB, fields);
    expect(kept).toEqual(['r10', 'r9', 'r8']);
    expect(bytes).toBeLessThanOrEqual(200 * KB);
  });

  it('a budget holds entries up to exactly its size', () => {
    const one = new Journal();
    one.record(journalRecord('r0'));
    const size = one.bytes;
    expect(afterTen(3 * size, {})).toEqual({ kept: ['r10', 'r9', 'r8'], bytes: 3 * size });
  });

  it('an entry larger than the whole budget is still kept: the journal always shows the latest request', () => {
    const { kept, bytes } = afterTen(1 * KB, { responseHeaders: { 'x-big': 'h'.repeat(5 * KB) } });
    expect(kept).toEqual(['r10']);
    expect(bytes).toBeGreaterThan(1 * KB);
  });

  it('a long text in characters of several bytes is cut at 10 KiB of bytes, not of characters', () => {
    const journal = new Journal();
    journal.record(journalRecord('r1', { responseBody: 'é'.repeat(JOURNAL_BODY_BYTES + 1) }));
    expect(journal.list()[0]?.response.body).toBe(
      `${'é'.repeat(JOURNAL_BODY_BYTES / 2)}${cutMarker(2 * (JOURNAL_BODY_BYTES + 1))}`,
    );
  });
});
