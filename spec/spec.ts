import { fileURLToPath } from 'node:url';
import { dereference } from './dereference.js';
import { type Spec, specFromDocument } from './spec-document.js';

export type {
  JsonSchema,
  Spec,
  SpecMediaType,
  SpecOperation,
  SpecParameter,
  SpecResponse,
} from './spec-document.js';

/** The path of the contract, openapi.yaml, at the root of the package. */
export const SPEC_PATH = fileURLToPath(new URL('../openapi.yaml', import.meta.url));

/** Loads and dereferences an OpenAPI document (openapi.yaml by default). */
export async function loadSpec(path: string = SPEC_PATH): Promise<Spec> {
  return loadSpecSync(path);
}

/** `loadSpec`, synchronously (the files are read with readFileSync). */
export function loadSpecSync(path: string = SPEC_PATH): Spec {
  return specFromDocument(dereference(path) as unknown as Spec['document']);
}
