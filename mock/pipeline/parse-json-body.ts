const FORBIDDEN_KEYS = new Set(['__proto__', 'constructor', 'prototype']);
const MAY_HOLD_FORBIDDEN_KEY = /__proto__|constructor|prototype|\\/;
const decoder = new TextDecoder('utf-8', { fatal: true });

export type ParsedBody = { ok: true; value: unknown } | { ok: false; code: 'invalid_json'; detail: string };

/**
 * True for `application/json`, with or without parameters — the one media type the specs list.
 * `application/*+json` is refused: `merge-patch+json` and the like promise semantics the mock lacks.
 */
export function isJsonContentType(contentType: string | undefined): boolean {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  return type === 'application/json';
}

/**
 * Parses a JSON body strictly: UTF-8 only, and keys that could reach an object's prototype
 * (`__proto__`, `constructor`, `prototype`) are refused, so nothing downstream can be polluted.
 */
export function parseJsonBody(raw: Uint8Array): ParsedBody {
  let text: string;
  try {
    text = decoder.decode(raw);
  } catch {
    return { ok: false, code: 'invalid_json', detail: 'The body is not valid UTF-8.' };
  }
  let forbidden: string | undefined;
  try {
    // A forbidden key is spelt out in the text, or hidden behind an escape: without either, no
    // key can be one, and the reviver (a call per value) is not needed.
    if (!MAY_HOLD_FORBIDDEN_KEY.test(text)) return { ok: true, value: JSON.parse(text) };
    const value = JSON.parse(text, (key, v) => {
      if (FORBIDDEN_KEYS.has(key)) forbidden ??= key;
      return v;
    });
    if (forbidden)
      return {
        ok: false,
        code: 'invalid_json',
        detail: `The key '${forbidden}' is not allowed in JSON bodies.`,
      };
    return { ok: true, value };
  } catch (error) {
    return {
      ok: false,
      code: 'invalid_json',
      detail: `The body is not valid JSON: ${(error as Error).message}`,
    };
  }
}
