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
  return specFromDocument((await dereference(path)) as unknown as Spec['document']);
}
