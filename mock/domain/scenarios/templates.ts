import type { Call } from '../types.js';

const PLACEHOLDER = /\{\{\s*([^}]*?)\s*\}\}/g;
const KNOWN = /^(match\.\d|call\.(to|from|id|agentId))$/;

/** Placeholders in `text` that the mock cannot fill (anything but `match.N` and `call.to|from|id|agentId`). */
export function unknownPlaceholders(text: string): string[] {
  return [...text.matchAll(PLACEHOLDER)].map((m) => m[1] ?? '').filter((name) => !KNOWN.test(name));
}

/** Fills `{{match.N}}` from the latest matched expect and `{{call.…}}` from the call; a group that did not match is empty. */
export function fillTemplate(text: string, captures: readonly string[], call: Call): string {
  return text.replace(PLACEHOLDER, (whole, name: string) => {
    if (name.startsWith('match.')) return captures[Number(name.slice(6))] ?? '';
    if (name === 'call.to') return call.to;
    if (name === 'call.from') return call.from;
    if (name === 'call.id') return call.id;
    if (name === 'call.agentId') return call.agentId;
    return whole;
  });
}
