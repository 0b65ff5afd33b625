import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { loadSpecSync, SPEC_PATH } from '../spec/spec.js';
import { BREAKAGES } from '../test/support/breaks/breaks.js';
import { PROMISES, promisesOf } from './promises.js';
import { WORD_CHECKS } from './results.js';
import { pointerSegment } from './status-promises.js';

const raw = parse(readFileSync(SPEC_PATH, 'utf8')) as Record<string, unknown>;
const spec = loadSpecSync();
const all = promisesOf(spec.document as Parameters<typeof promisesOf>[0]);
const normal = (text: string) => text.replace(/\s+/g, ' ').trim();

// Every description and summary as written, with its pointer. Examples are sample values with labels, judged by Dredd: left out.
function words(value: unknown, at = '', out = new Map<string, string>()): Map<string, string> {
  if (Array.isArray(value)) for (const [i, item] of value.entries()) words(item, `${at}/${i}`, out);
  else if (typeof value === 'object' && value !== null)
    for (const [key, item] of Object.entries(value)) {
      const pointer = `${at}/${pointerSegment(key)}`;
      if ((key === 'description' || key === 'summary') && typeof item === 'string') out.set(pointer, item);
      else if (key !== 'example' && key !== 'examples') words(item, pointer, out);
    }
  return out;
}

// A description's sentences (and list items), each a claim of its own.
const sentences = (text: string) =>
  text
    .split(/\n\s*\*\s+|(?<=\.)\s+(?=[A-Z`*(])/)
    .map(normal)
    .filter((s) => s.length > 0);

// The documented statuses of every operation and webhook, as pointers.
function statuses(): string[] {
  const out: string[] = [];
  for (const section of ['paths', 'webhooks'] as const)
    for (const [path, item] of Object.entries(
      (raw[section] ?? {}) as Record<string, Record<string, unknown>>,
    ))
      for (const [method, operation] of Object.entries(item))
        for (const status of Object.keys((operation as { responses?: object }).responses ?? {}))
          out.push(`/${section}/${pointerSegment(path)}/${method}/responses/${status}`);
  return out;
}

// The text at a pointer, following `$ref`s (a status's words are its response's description).
function at(pointer: string): unknown {
  let node: unknown = raw;
  for (const segment of pointer.split('/').slice(1)) {
    const key = segment.replace(/~1/g, '/').replace(/~0/g, '~');
    const ref = (node as { $ref?: string }).$ref;
    // A sibling of `$ref` (a description beside it) is read where it is written.
    if (ref && !(key in (node as object))) node = at(ref.slice(1));
    node = (node as Record<string, unknown>)[key];
  }
  const ref = (node as { $ref?: string } | undefined)?.$ref;
  return ref ? at(ref.slice(1)) : node;
}

describe('the promises of openapi.yaml: every word judged or said why not', () => {
  it('cites every description and summary of the spec (a new one needs a row in contracts/promises.ts)', () => {
    const cited = new Set(all.map((p) => p.at));
    const uncited = [...words(raw).keys()].filter((pointer) => !cited.has(pointer));
    expect(uncited).toEqual([]);
  });

  it('cites every sentence: one added to a cited description is caught too', () => {
    const rows = new Map<string, string[]>();
    for (const p of all) rows.set(p.at, [...(rows.get(p.at) ?? []), normal(p.words)]);
    const uncited: string[] = [];
    for (const [pointer, text] of words(raw))
      for (const sentence of sentences(text))
        if (!(rows.get(pointer) ?? []).some((w) => sentence.includes(w) || w.includes(sentence)))
          uncited.push(`${pointer}: ${sentence}`);
    expect(uncited).toEqual([]);
  });

  it('has a promise for every documented status, and a check or a reason for each', () => {
    const cited = new Set(all.map((p) => p.at));
    expect(statuses().filter((pointer) => !cited.has(pointer))).toEqual([]);
  });

  it('gives every header and parameter words, so neither can come without a promise', () => {
    const silent: string[] = [];
    // Every header and parameter as written (a `$ref` points at one written elsewhere).
    (function visit(value: unknown, at: string, kind?: 'headers' | 'parameters') {
      if (typeof value !== 'object' || value === null) return;
      const item = value as { $ref?: unknown; description?: unknown };
      if (kind && item.$ref === undefined && typeof item.description !== 'string') silent.push(at);
      if (kind) return;
      for (const [key, child] of Object.entries(value)) {
        if (key === 'example' || key === 'examples') continue;
        const next = `${at}/${pointerSegment(key)}`;
        if (key === 'headers' || key === 'parameters')
          for (const [name, one] of Object.entries(child as object)) visit(one, `${next}/${name}`, key);
        else visit(child, next);
      }
    })(raw, '');
    expect(silent).toEqual([]);
  });

  it('quotes the spec: each row’s words are in the text its pointer names', () => {
    const misquoted = all.filter((p) => {
      const text = at(p.at);
      const described =
        typeof text === 'object' && text !== null ? (text as { description?: unknown }).description : text;
      return typeof described !== 'string' || !normal(described).includes(normal(p.words));
    });
    expect(misquoted.map((p) => `${p.id} ${p.at}`)).toEqual([]);
  });

  it('names each promise once, and gives each left unchecked a reason', () => {
    const ids = all.map((p) => p.id);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
    for (const p of all) if ('unobservable' in p) expect(p.unobservable.length, p.id).toBeGreaterThan(10);
  });

  it('proves each check that judges words can fail: a break in test/support/breaks expects it', () => {
    const words: string[] = [...WORD_CHECKS, 'auth-readonly-read'];
    const cited = new Set(PROMISES.flatMap((p) => ('check' in p ? [p.check] : [])));
    for (const check of words) expect(cited.has(check as never), check).toBe(true);
    const broken = new Set(BREAKAGES.map((b) => b.expect));
    expect(words.filter((check) => !broken.has(check as never))).toEqual([]);
  });
});
