import type { SpecOperation } from '../../spec/spec.js';

/**
 * The spec's own example of a documented response: what `Prefer: code=NNN` answers with. Returns
 * undefined when the status is not documented for the operation.
 */
export function documentedResponse(
  operation: SpecOperation,
  status: number,
): { contentType: string | undefined; example: unknown; headerExamples: Record<string, string> } | undefined {
  const response = operation.responses[String(status)];
  if (!response) return undefined;
  const headerExamples: Record<string, string> = {};
  for (const [name, header] of Object.entries(response.headers ?? {})) {
    if (header.example !== undefined) headerExamples[name] = String(header.example);
  }
  const [contentType, media] = Object.entries(response.content ?? {})[0] ?? [];
  if (!media) return { contentType: undefined, example: undefined, headerExamples };
  const example = media.example ?? Object.values(media.examples ?? {})[0]?.value ?? media.schema?.example;
  return { contentType, example: structuredClone(example), headerExamples };
}
