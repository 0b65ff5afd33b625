import { describe, expect, it } from 'vitest';
import { resolveRefs } from './resolve-refs.js';

const ROOT = 'file:///spec/openapi.yaml';

/** The node at a path of keys. */
const at = (node: unknown, path: string) =>
  path.split('.').reduce<unknown>((n, key) => (n as Record<string, unknown>)[key], node);

/** resolveRefs over documents held in memory, noting which documents it read. */
function resolve(documents: Record<string, unknown>, root = ROOT) {
  const reads: string[] = [];
  const result = resolveRefs(root, (url) => {
    reads.push(url);
    if (!(url in documents)) throw new Error(`No document ${url}`);
    return structuredClone(documents[url]);
  });
  return { result, reads };
}

describe('resolveRefs', () => {
  it('replaces each ref with its target, the same object wherever it is referenced', () => {
    const { result } = resolve({
      [ROOT]: {
        paths: { a: { $ref: '#/components/schemas/Call' }, b: [{ $ref: '#/components/schemas/Call' }] },
        components: {
          schemas: {
            Call: { type: 'object', properties: { id: { $ref: '#/components/schemas/Id' } } },
            Id: { type: 'string' },
          },
        },
      },
    });
    const call = at(result, 'components.schemas.Call');
    expect(at(result, 'paths.a')).toBe(call);
    expect(at(result, 'paths.b.0')).toBe(call);
    expect(at(call, 'properties.id')).toBe(at(result, 'components.schemas.Id'));
    expect(JSON.stringify(result)).not.toContain('$ref');
  });

  it('resolves a ref to a place inside a target that is itself a ref, wherever the walk meets it first', () => {
    const { result } = resolve({
      [ROOT]: {
        first: { $ref: '#/components/schemas/Outer/properties/inner' },
        components: {
          schemas: {
            Outer: { properties: { inner: { $ref: '#/components/schemas/Id' } } },
            Id: { type: 'string' },
          },
        },
      },
    });
    expect(at(result, 'first')).toBe(at(result, 'components.schemas.Id'));
    expect(at(result, 'components.schemas.Outer.properties.inner')).toBe(at(result, 'components.schemas.Id'));
  });

  it('lets the siblings of a ref win over its target, without changing the target', () => {
    const { result } = resolve({
      [ROOT]: {
        x: { $ref: '#/components/schemas/Id', description: 'the call' },
        components: { schemas: { Id: { type: 'string', description: 'an id' } } },
      },
    });
    expect(at(result, 'x')).toEqual({ type: 'string', description: 'the call' });
    expect(at(result, 'components.schemas.Id.description')).toBe('an id');
  });

  it('reads another document once, relative to the referring one, and decodes JSON Pointer escapes', () => {
    const other = 'file:///spec/shared/common.yaml';
    const { result, reads } = resolve({
      [ROOT]: { a: { $ref: 'shared/common.yaml#/a~1b' }, b: { $ref: 'shared/common.yaml#/t~0x' } },
      [other]: { 'a/b': { type: 'integer' }, 't~x': { $ref: '#/a~1b' } },
    });
    expect(at(result, 'a')).toEqual({ type: 'integer' });
    expect(at(result, 'b')).toBe(at(result, 'a'));
    expect(reads).toEqual([ROOT, other]);
  });

  it('reports a cycle, whether through refs alone or through a ref to an ancestor', () => {
    expect(() => resolve({ [ROOT]: { a: { $ref: '#/b' }, b: { $ref: '#/a' } } })).toThrow(/Circular \$ref/);
    expect(() =>
      resolve({ [ROOT]: { components: { Node: { properties: { next: { $ref: '#/components/Node' } } } } } }),
    ).toThrow(/Circular \$ref #\/components\/Node/);
  });

  it('reports a ref that points nowhere', () => {
    expect(() => resolve({ [ROOT]: { a: { $ref: '#/missing/thing' } } })).toThrow(
      /Cannot resolve \$ref #\/missing\/thing/,
    );
    expect(() => resolve({ [ROOT]: { a: { $ref: '#/s/x' }, s: 'text' } })).toThrow(/Cannot resolve/);
  });
});
