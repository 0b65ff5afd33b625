type Json = unknown;

/**
 * An ES module that rebuilds these (dereferenced) documents, `export const <name> = …` each: what
 * `resolveRefs` shares — one object wherever its target is referenced — is one constant, so the
 * module gives back the same graph, with the same sharing, without reading, parsing or walking
 * anything. The build bundles it into the command line, where it runs from V8's code cache.
 * Documents must be JSON values without cycles (as `resolveRefs` makes them).
 */
export function documentModule(documents: Record<string, Json>): string {
  const seen = new Map<object, number>();
  const count = (node: Json) => {
    if (node === null || typeof node !== 'object') return;
    const times = seen.get(node) ?? 0;
    seen.set(node, times + 1);
    if (times > 0) return; // its children are counted once
    for (const child of Object.values(node)) count(child);
  };
  for (const document of Object.values(documents)) count(document);

  const names = new Map<object, string>();
  const lines: string[] = [];
  // Shared objects become constants, each after the constants it holds.
  const literal = (node: Json): string => {
    if (node === null || typeof node !== 'object') return JSON.stringify(node);
    const named = names.get(node);
    if (named) return named;
    const text = Array.isArray(node)
      ? `[${node.map(literal).join(',')}]`
      : `{${Object.entries(node)
          // `__proto__:` in a literal sets the prototype; a computed key is an own property.
          .map(
            ([key, value]) =>
              `${key === '__proto__' ? `[${JSON.stringify(key)}]` : JSON.stringify(key)}:${literal(value)}`,
          )
          .join(',')}}`;
    if ((seen.get(node) ?? 0) < 2) return text;
    const name = `s${names.size}`;
    names.set(node, name);
    lines.push(`const ${name} = ${text};`);
    return name;
  };
  for (const [name, document] of Object.entries(documents)) {
    if (!/^[A-Za-z_$][\w$]*$/.test(name))
      throw new Error(`documentModule: '${name}' is not a name to export`);
    lines.push(`export const ${name} = ${literal(document)};`);
  }
  return `${lines.join('\n')}\n`;
}
