import { resolveRefs } from './resolve-refs.js';
import { type Spec, specFromDocument } from './spec-document.js';

// Where the two documents sit in the package, as URLs, so the admin spec's `../openapi.yaml#/…`
// refs resolve against the API document in memory.
const API_URL = 'file:///telemock/openapi.yaml';
const ADMIN_URL = 'file:///telemock/mock/admin-openapi.yaml';

/**
 * The API and admin specs from already-parsed openapi.yaml and mock/admin-openapi.yaml documents
 * (no file access: for browsers and bundlers), synchronously. The documents are copied, never changed.
 */
export function loadSpecFromDocuments(api: object, admin: object): { api: Spec; admin: Spec } {
  // Each walk gets its own copies, as each `dereference` of a file reads its own: walks change documents in place.
  const walk = (root: string) => {
    const documents = new Map<string, unknown>([
      [API_URL, structuredClone(api)],
      [ADMIN_URL, structuredClone(admin)],
    ]);
    return resolveRefs(root, (url) => {
      if (!documents.has(url))
        throw new Error(`No document ${url}: only openapi.yaml and its admin spec are known`);
      return documents.get(url);
    });
  };
  return {
    api: specFromDocument(walk(API_URL) as unknown as Spec['document']),
    admin: specFromDocument(walk(ADMIN_URL) as unknown as Spec['document']),
  };
}
