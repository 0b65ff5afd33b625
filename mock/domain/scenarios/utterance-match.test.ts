import { describe, expect, it } from 'vitest';
import type { Utterance, UtteranceMatch } from './types.js';
import { describeMatch, describeUtterance, matchUtterance } from './utterance-match.js';

const said = (text: string): Utterance => ({ kind: 'speech', text });
const played = (text: string): Utterance => ({ kind: 'audio', text });
const HOLD = 'https://cdn.example.com/HOLD-music.mp3';

describe('matchUtterance: what an expect accepts, and what it captures', () => {
  it.each<[string, { want: UtteranceMatch; heard: Utterance; captures: string[] | undefined }]>([
    ['any takes words', { want: { any: true }, heard: said('Hello'), captures: ['Hello'] }],
    ['any takes audio', { want: { any: true }, heard: played(HOLD), captures: [HOLD] }],
    ['audio: true takes any audio', { want: { audio: true }, heard: played(HOLD), captures: [HOLD] }],
    ['audio: true refuses words', { want: { audio: true }, heard: said(HOLD), captures: undefined }],
    [
      'audio by part of the URL, case-insensitively',
      { want: { audio: 'hold-MUSIC' }, heard: played(HOLD), captures: [HOLD] },
    ],
    [
      'audio whose URL lacks the part',
      { want: { audio: 'intro' }, heard: played(HOLD), captures: undefined },
    ],
    [
      'audio by URL refuses words that contain it',
      { want: { audio: 'hold' }, heard: said('please hold'), captures: undefined },
    ],
    [
      'contains captures the words as the agent said them',
      { want: { contains: 'WHAT time' }, heard: said('Sure! What time suits?'), captures: ['What time'] },
    ],
    [
      'contains at the very start',
      { want: { contains: 'hello' }, heard: said('Hello there'), captures: ['Hello'] },
    ],
    [
      'contains what is not said',
      { want: { contains: 'booked' }, heard: said('Hello'), captures: undefined },
    ],
    [
      'contains refuses audio whose URL has the words',
      { want: { contains: 'hold' }, heard: played(HOLD), captures: undefined },
    ],
    [
      'regex is case-insensitive and gives its groups',
      {
        want: { regex: 'at (\\d+) ?(pm)' },
        heard: said('A table at 8 PM.'),
        captures: ['at 8 PM', '8', 'PM'],
      },
    ],
    [
      'a regex group that did not take part is empty',
      { want: { regex: '(yes)|(no)' }, heard: said('No.'), captures: ['No', '', 'No'] },
    ],
    [
      'a regex that does not match',
      { want: { regex: '^booked' }, heard: said('Not booked'), captures: undefined },
    ],
    ['a regex refuses audio', { want: { regex: 'hold' }, heard: played(HOLD), captures: undefined }],
    ['an empty want takes nothing', { want: {}, heard: said('anything'), captures: undefined }],
  ])('%s', (_name, { want, heard, captures }) => {
    expect(matchUtterance(want, heard)).toEqual(captures);
  });
});

describe('what an expect wants and what the agent did, in words (a verdict’s expected and happened)', () => {
  it.each<[UtteranceMatch, string]>([
    [{ any: true }, 'says or plays anything'],
    [{ audio: true }, 'plays audio'],
    [{ audio: 'hold' }, 'plays audio whose URL contains "hold"'],
    [{ contains: 'what time' }, 'says something containing "what time"'],
    [{ regex: 'booked|confirm' }, 'says something matching /booked|confirm/i'],
  ])('%j → %s', (want, words) => {
    expect(describeMatch(want)).toBe(words);
  });

  it.each<[Utterance, string]>([
    [said('Hello'), 'the agent said "Hello"'],
    [played(HOLD), `the agent played ${HOLD}`],
  ])('%j → %s', (heard, words) => {
    expect(describeUtterance(heard)).toBe(words);
  });
});
