import type { Spec } from '../../spec/spec.js';

/** The part of a Dredd 14 transaction that the hooks read and change. */
export interface DreddTransaction {
  name: string;
  fullPath: string;
  request: { method: string; uri: string; headers: Record<string, string>; body: string };
  expected: { statusCode: string; headers?: Record<string, string>; body?: string };
  real?: { statusCode: number; headers: Record<string, string>; body: string };
  origin: { resourceName: string; actionName: string; exampleName: string };
  skip: boolean;
  fail: boolean | string;
}

/** Finds the operationId of a transaction from its method and path template (`/calls/{callId}`). */
export function operationIdOf(spec: Spec, transaction: DreddTransaction): string | undefined {
  const method = transaction.request.method.toUpperCase();
  for (const [id, operation] of spec.operations) {
    if (operation.method === method && operation.path === transaction.origin.resourceName) return id;
  }
  return undefined;
}

/** Sets a request header, replacing any spelling of the same name (HTTP names are case-insensitive). */
export function setHeader(headers: Record<string, string>, name: string, value: string | undefined): void {
  for (const key of Object.keys(headers)) if (key.toLowerCase() === name.toLowerCase()) delete headers[key];
  if (value !== undefined) headers[name] = value;
}

/** Reads a header whatever its case. */
export function getHeader(headers: Record<string, string>, name: string): string | undefined {
  const key = Object.keys(headers).find((k) => k.toLowerCase() === name.toLowerCase());
  return key === undefined ? undefined : headers[key];
}

/** Replaces the path of a transaction: Dredd sends `fullPath`; `uri` is what its reporters show. */
export function setPath(transaction: DreddTransaction, path: string): void {
  transaction.fullPath = path;
  transaction.request.uri = path;
}

/** Fills the path template with these parameter values (the spec's examples otherwise), keeping the query. */
export function fillPath(transaction: DreddTransaction, values: Record<string, string>): void {
  const query = transaction.fullPath.split('?')[1];
  const current = transaction.fullPath.split('?')[0]?.split('/') ?? [];
  const path = transaction.origin.resourceName
    .split('/')
    .map((segment, i) => {
      const name = /^\{(.+)\}$/.exec(segment)?.[1];
      return name === undefined ? segment : encodeURIComponent(values[name] ?? current[i] ?? segment);
    })
    .join('/');
  setPath(transaction, query ? `${path}?${query}` : path);
}

/** Changes (or, with `undefined`, removes) one query parameter. */
export function setQuery(transaction: DreddTransaction, name: string, value: string | undefined): void {
  const [path = '', query = ''] = transaction.fullPath.split('?');
  const params = new URLSearchParams(query);
  if (value === undefined) params.delete(name);
  else params.set(name, value);
  const rest = params.toString();
  setPath(transaction, rest ? `${path}?${rest}` : path);
}

/** Parses a JSON body, or returns what it was when it is not JSON. */
export function parseBody(body: string): unknown {
  if (body === '') return undefined;
  try {
    return JSON.parse(body) as unknown;
  } catch {
    return body;
  }
}

/** Sets a field of the JSON request body. */
export function setBodyField(transaction: DreddTransaction, field: string, value: unknown): void {
  const body = parseBody(transaction.request.body);
  const object = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
  transaction.request.body = JSON.stringify({ ...object, [field]: value });
}
