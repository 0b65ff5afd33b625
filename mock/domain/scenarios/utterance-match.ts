import type { Utterance, UtteranceMatch } from './types.js';

/**
 * Whether an utterance matches what an expect wants: `contains` and `regex` judge words,
 * case-insensitively; `audio` judges audio played (by its URL); `any` takes either. Returns the
 * captures (`[whole, group 1, …]`) when it matches, undefined when it does not.
 */
export function matchUtterance(want: UtteranceMatch, heard: Utterance): string[] | undefined {
  if (want.any) return [heard.text];
  if (want.audio !== undefined) {
    if (heard.kind !== 'audio') return undefined;
    if (want.audio === true) return [heard.text];
    return heard.text.toLowerCase().includes(want.audio.toLowerCase()) ? [heard.text] : undefined;
  }
  if (heard.kind !== 'speech') return undefined;
  if (want.contains !== undefined) {
    const at = heard.text.toLowerCase().indexOf(want.contains.toLowerCase());
    return at < 0 ? undefined : [heard.text.slice(at, at + want.contains.length)];
  }
  if (want.regex !== undefined) {
    const found = new RegExp(want.regex, 'i').exec(heard.text);
    return found ? found.map((group) => group ?? '') : undefined;
  }
  return undefined;
}

/** What an expect wants, in words. */
export function describeMatch(want: UtteranceMatch): string {
  if (want.any) return 'says or plays anything';
  if (want.audio === true) return 'plays audio';
  if (want.audio !== undefined) return `plays audio whose URL contains "${want.audio}"`;
  if (want.contains !== undefined) return `says something containing "${want.contains}"`;
  return `says something matching /${want.regex}/i`;
}

/** What the agent did, in words. */
export const describeUtterance = (heard: Utterance) =>
  heard.kind === 'audio' ? `the agent played ${heard.text}` : `the agent said "${heard.text}"`;
