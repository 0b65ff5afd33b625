import { resolveRefs } from './resolve-refs.js';
import { type Spec, specFromDocument } from './spec-document.js';

// Where the two documents sit in the package, as URLs, so the admin spec's `../openapi.yaml#/…`
// refs resolve against the API document in memory.
const API_URL = 'file:///telemock/openapi.yaml';
const ADMIN_URL = 'file:///telemock/mock/admin-openapi.yaml';

/**
 * The API and admin specs from already-parsed openapi.yaml and mock/admin-openapi.yaml documents
 * (no file access: for browsers and bundlers). The documents are copied, never changed.
 */
export async function loadSpecFromDocuments(api: object, admin: object): Promise<{ api: Spec; admin: Spec }> {
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
  const [apiDocument, adminDocument] = await Promise.all([walk(API_URL), walk(ADMIN_URL)]);
  return {
    api: specFromDocument(apiDocument as unknown as Spec['document']),
    admin: specFromDocument(adminDocument as unknown as Spec['document']),
  };
}
