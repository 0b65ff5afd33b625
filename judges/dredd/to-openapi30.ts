import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parse, stringify } from 'yaml';
import { SPEC_PATH } from '../../spec/spec.js';

type Node = Record<string, unknown>;

// JSON Schema 2020-12 keywords that OpenAPI 3.0's schema dialect does not know.
const DROPPED_KEYWORDS = [
  '$schema',
  '$id',
  '$comment',
  'contentEncoding',
  'contentMediaType',
  'propertyNames',
  'prefixItems',
  'unevaluatedProperties',
  'unevaluatedItems',
  'dependentRequired',
  'dependentSchemas',
  'if',
  'then',
  'else',
  'examples',
];

const isNode = (value: unknown): value is Node =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const isNullSchema = (value: unknown): boolean => isNode(value) && value.type === 'null';

/** Rewrites one 3.1 schema into the 3.0 dialect, in place, children first. */
function downgradeSchema(schema: Node): Node {
  for (const keyword of DROPPED_KEYWORDS) delete schema[keyword];
  if (Array.isArray(schema.type)) {
    const types = schema.type.filter((t) => t !== 'null');
    if (types.length < schema.type.length) schema.nullable = true;
    // 3.0 has a single `type`; a union of several non-null types is left untyped.
    if (types.length === 1) schema.type = types[0];
    else delete schema.type;
  }
  if ('const' in schema) {
    schema.enum = [schema.const];
    delete schema.const;
  }
  for (const bound of ['exclusiveMinimum', 'exclusiveMaximum'] as const) {
    const value = schema[bound];
    if (typeof value === 'number') {
      schema[bound === 'exclusiveMinimum' ? 'minimum' : 'maximum'] = value;
      schema[bound] = true;
    }
  }
  for (const composite of ['oneOf', 'anyOf'] as const) {
    const branches = schema[composite];
    if (!Array.isArray(branches) || !branches.some(isNullSchema)) continue;
    // `oneOf: [X, {type: 'null'}]` is 3.0's `allOf: [X]` with `nullable: true`.
    const rest = branches.filter((b) => !isNullSchema(b));
    schema.nullable = true;
    if (rest.length === 1) {
      delete schema[composite];
      schema.allOf = rest;
    } else schema[composite] = rest;
  }
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'properties' && isNode(value)) {
      for (const child of Object.values(value)) if (isNode(child)) downgradeSchema(child);
    } else if (['items', 'additionalProperties', 'not'].includes(key) && isNode(value)) {
      downgradeSchema(value);
    } else if (['allOf', 'oneOf', 'anyOf'].includes(key) && Array.isArray(value)) {
      for (const child of value) if (isNode(child)) downgradeSchema(child);
    }
  }
  return schema;
}

/** Visits every schema of the document: `components.schemas` and each `schema` of a parameter, header or media type. */
function downgradeSchemas(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) downgradeSchemas(item);
    return;
  }
  if (!isNode(node)) return;
  for (const [key, value] of Object.entries(node)) {
    if (key === 'schema' && isNode(value)) downgradeSchema(value);
    // Example values are data, not schemas: a property named `type` or `const` there must stay.
    else if (key !== 'example' && key !== 'examples') downgradeSchemas(value);
  }
}

/**
 * Derives an OpenAPI 3.0 copy of the 3.1 contract for Dredd, which cannot read 3.1: webhooks dropped,
 * schemas in the 3.0 dialect. `$ref`s stay: Dredd follows them, and a dereferenced copy (17k lines)
 * makes its run six times slower.
 */
export async function toOpenApi30(specPath: string = SPEC_PATH): Promise<Node> {
  const document = parse(await readFile(specPath, 'utf8')) as Node;
  document.openapi = '3.0.3';
  delete document.webhooks;
  delete document.jsonSchemaDialect;
  if (isNode(document.info)) {
    delete document.info.summary;
    if (isNode(document.info.license)) delete document.info.license.identifier;
  }
  const components = isNode(document.components) ? document.components : {};
  if (isNode(components.schemas))
    for (const schema of Object.values(components.schemas)) if (isNode(schema)) downgradeSchema(schema);
  downgradeSchemas(document.paths);
  for (const [key, value] of Object.entries(components)) if (key !== 'schemas') downgradeSchemas(value);
  return document;
}

/** Writes the 3.0 copy to `outPath` (under reports/, which is not committed) and returns its path. */
export async function writeOpenApi30(outPath: string, specPath: string = SPEC_PATH): Promise<string> {
  const document = await toOpenApi30(specPath);
  const target = resolve(outPath);
  await mkdir(dirname(target), { recursive: true });
  await writeFile(target, stringify(document, { aliasDuplicateObjects: false, lineWidth: 0 }));
  return target;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const out = process.argv[2] ?? 'reports/openapi-3.0.yaml';
  writeOpenApi30(out).then((path) => process.stdout.write(`${path}\n`));
}
