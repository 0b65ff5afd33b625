import type { ErrorObject } from 'ajv';
import { MACRO_KEYWORDS } from './formats.js';
import { HTTP_URL_FORMAT, parseHttpUrl } from './url-rule.js';

/** One thing wrong with a request or response, located by a JSON Pointer (`/body/to`, `/query/limit`). */
export interface FieldError {
  path: string;
  message: string;
}

const lowerFirst = (s: string) => s.charAt(0).toLowerCase() + s.slice(1).replace(/\.$/, '');

function describe(error: ErrorObject): FieldError {
  const params = error.params as Record<string, unknown>;
  switch (error.keyword) {
    case 'required':
      return { path: `${error.instancePath}/${String(params.missingProperty)}`, message: 'is required' };
    case 'additionalProperties':
      return {
        path: `${error.instancePath}/${String(params.additionalProperty)}`,
        message: 'is not a known field',
      };
    case 'enum':
      return {
        path: error.instancePath,
        message: `must be one of ${(params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`,
      };
    case 'oneOf':
    case 'anyOf': {
      const description = (error.parentSchema as { description?: string } | undefined)?.description;
      return {
        path: error.instancePath,
        message: description ? `must be ${lowerFirst(description)}` : (error.message ?? 'is invalid'),
      };
    }
    case 'format': {
      // The URL rule says which part of it failed, under the name the spec gives it.
      const url =
        params.format === HTTP_URL_FORMAT && typeof error.data === 'string'
          ? parseHttpUrl(error.data)
          : undefined;
      if (url && !url.ok) return { path: error.instancePath, message: `${url.reason} (x-http-url)` };
      return { path: error.instancePath, message: error.message ?? 'is invalid' };
    }
    default:
      return { path: error.instancePath, message: error.message ?? 'is invalid' };
  }
}

/** Turns Ajv errors into field errors under `prefix`, dropping the noise that oneOf/anyOf branches add. */
export function toFieldErrors(errors: ErrorObject[] | null | undefined, prefix: string): FieldError[] {
  const seen = new Set<string>();
  const out: FieldError[] = [];
  const all = errors ?? [];
  // When a oneOf/anyOf failed, its per-branch errors are speculative; keep them only if nothing else explains it.
  const composite = all.filter((e) => e.keyword === 'oneOf' || e.keyword === 'anyOf');
  for (const error of all) {
    if (MACRO_KEYWORDS.has(error.keyword)) continue;
    const inBranch = composite.some(
      (c) => error !== c && error.schemaPath.startsWith(c.schemaPath.replace(/\/(oneOf|anyOf)$/, '/$1/')),
    );
    if (inBranch && error.keyword !== 'additionalProperties' && error.keyword !== 'required') continue;
    const field = describe(error);
    const key = `${field.path} ${field.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ path: `${prefix}${field.path}`, message: field.message });
  }
  return out;
}
