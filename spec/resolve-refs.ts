type Json = unknown;

// JSON Pointer (RFC 6901) segments: ~1 is '/', ~0 is '~'.
const pointerSegment = (segment: string) =>
  decodeURIComponent(segment).replaceAll('~1', '/').replaceAll('~0', '~');

/**
 * Replaces every `$ref` (local `#/…` or another document's `other.yaml#/…`) in the document at
 * `rootUrl` with what it points to; documents are named by URL and fetched with `read`, so they may
 * come from disk or from memory. The same target becomes the same object wherever it is
 * referenced, so validators can cache by identity. Enough for OpenAPI 3.1 specs without cycles;
 * a cycle is reported rather than followed forever. Documents are changed in place. Synchronous,
 * so that what holds the documents in memory (the MSW entries) can build the mock synchronously.
 */
export function resolveRefs(rootUrl: string, read: (url: string) => Json): Record<string, Json> {
  const files = new Map<string, Json>();
  const resolved = new Map<string, Json>();
  const inProgress = new Set<string>();
  // Objects whose $refs are all replaced: a target shared by many refs (and the same object where
  // it sits under `components`) is walked once, not once per path that reaches it (many times the work).
  const done = new WeakSet<object>();

  const load = (url: string) => {
    if (!files.has(url)) files.set(url, read(url));
    return files.get(url);
  };

  function target(ref: string, from: string): Json {
    const [where = '', pointer = ''] = ref.split('#');
    const url = where ? new URL(where, from).href : from;
    const key = `${url}#${pointer}`;
    if (resolved.has(key)) return resolved.get(key);
    if (inProgress.has(key)) throw new Error(`Circular $ref ${ref} in ${from}`);
    inProgress.add(key);
    let node = load(url);
    for (const segment of pointer.split('/').slice(1)) {
      if (node === null || typeof node !== 'object')
        throw new Error(`Cannot resolve $ref ${ref} from ${from}`);
      node = (node as Record<string, Json>)[pointerSegment(segment)];
    }
    if (node === undefined) throw new Error(`Cannot resolve $ref ${ref} from ${from}`);
    const value = walk(node, url);
    inProgress.delete(key);
    resolved.set(key, value);
    return value;
  }

  function walk(node: Json, url: string): Json {
    if (node === null || typeof node !== 'object' || done.has(node)) return node;
    if (Array.isArray(node)) {
      for (let i = 0; i < node.length; i++) node[i] = walk(node[i], url);
      done.add(node);
      return node;
    }
    const object = node as Record<string, Json>;
    if (typeof object.$ref === 'string') {
      const { $ref, ...siblings } = object;
      const value = target($ref, url);
      // OpenAPI 3.1 lets a reference carry siblings (a description); they win over the target's.
      return Object.keys(siblings).length > 0 ? { ...(value as object), ...siblings } : value;
    }
    for (const key of Object.keys(object)) object[key] = walk(object[key], url);
    // Marked once finished: an object reached again while still being walked (a $ref to an
    // ancestor) is walked again, and so meets its own $ref in progress and reports the cycle.
    done.add(object);
    return object;
  }

  return walk(load(rootUrl), rootUrl) as Record<string, Json>;
}
