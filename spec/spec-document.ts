// What a loaded spec is, built from an already-parsed document: no file access, so it also runs in a browser.

export type JsonSchema = Record<string, unknown>;

export interface SpecParameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema: JsonSchema;
  example?: unknown;
}

export interface SpecMediaType {
  schema?: JsonSchema;
  example?: unknown;
  examples?: Record<string, { value?: unknown }>;
}

export interface SpecResponse {
  description: string;
  headers?: Record<string, { required?: boolean; schema: JsonSchema; example?: unknown }>;
  content?: Record<string, SpecMediaType>;
}

/** One operation of the spec, dereferenced, with its method and path template. */
export interface SpecOperation {
  operationId: string;
  method: string;
  path: string;
  parameters: SpecParameter[];
  requestBody?: { required?: boolean; content: Record<string, SpecMediaType> };
  responses: Record<string, SpecResponse>;
  security?: Array<Record<string, string[]>>;
  tags?: string[];
}

/** A dereferenced OpenAPI 3.1 document with its operations indexed. */
export interface Spec {
  document: Record<string, unknown> & {
    paths: Record<string, Record<string, unknown>>;
    components: { schemas: Record<string, JsonSchema>; examples?: Record<string, { value: unknown }> };
    webhooks?: Record<string, Record<string, unknown>>;
  };
  /** Every operation under `paths`, by operationId. */
  operations: Map<string, SpecOperation>;
  /** Every operation under `webhooks`, by webhook name. */
  webhooks: Map<string, SpecOperation>;
  /** Largest request body the API accepts, from `x-max-body-bytes`. */
  maxBodyBytes: number;
}

const METHODS = ['get', 'put', 'post', 'delete', 'patch', 'options', 'head', 'trace'];

function indexOperations(pathItems: Record<string, Record<string, unknown>>): Map<string, SpecOperation> {
  const operations = new Map<string, SpecOperation>();
  for (const [path, item] of Object.entries(pathItems)) {
    const shared = (item.parameters ?? []) as SpecParameter[];
    for (const method of METHODS) {
      const op = item[method] as
        | (Omit<SpecOperation, 'method' | 'path'> & { parameters?: SpecParameter[] })
        | undefined;
      if (!op) continue;
      const own = op.parameters ?? [];
      // OpenAPI 3.1 §4.8.10: operation-level parameters override path-level ones of the same name+in.
      const parameters = [
        ...shared.filter((p) => !own.some((o) => o.name === p.name && o.in === p.in)),
        ...own,
      ];
      operations.set(op.operationId, { ...op, method: method.toUpperCase(), path, parameters });
    }
  }
  return operations;
}

/** Indexes a dereferenced OpenAPI document: its operations, webhooks and body limit. */
export function specFromDocument(document: Spec['document']): Spec {
  return {
    document,
    operations: indexOperations(document.paths),
    webhooks: indexOperations(document.webhooks ?? {}),
    maxBodyBytes: Number(document['x-max-body-bytes'] ?? 1_048_576),
  };
}
