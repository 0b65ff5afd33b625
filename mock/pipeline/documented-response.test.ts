import { describe, expect, it } from 'vitest';
import type { SpecOperation, SpecResponse } from '../../spec/spec.js';
import { documentedResponse } from './documented-response.js';

const operation = (responses: Record<string, SpecResponse>): SpecOperation => ({
  operationId: 'getThing',
  method: 'GET',
  path: '/things/{id}',
  parameters: [],
  responses,
});

const THING = { id: 'thg_1', name: 'Desk' };
const OTHER = { id: 'thg_2', name: 'Door' };
const json = (media: SpecResponse['content']) => ({ description: 'x', content: media });

describe('documentedResponse: what `Prefer: code=NNN` answers with', () => {
  const cases: Array<[string, { given: SpecResponse; want: ReturnType<typeof documentedResponse> }]> = [
    [
      'the media type’s own example',
      {
        given: json({ 'application/json': { example: THING, examples: { b: { value: OTHER } } } }),
        want: { contentType: 'application/json', example: THING, headerExamples: {} },
      },
    ],
    [
      'else the first of its named examples',
      {
        given: json({ 'application/json': { examples: { a: { value: OTHER }, b: { value: THING } } } }),
        want: { contentType: 'application/json', example: OTHER, headerExamples: {} },
      },
    ],
    [
      'else the schema’s example',
      {
        given: json({ 'application/problem+json': { schema: { type: 'object', example: THING } } }),
        want: { contentType: 'application/problem+json', example: THING, headerExamples: {} },
      },
    ],
    [
      'a media type with no example at all',
      {
        given: json({ 'application/json': { schema: { type: 'object' } } }),
        want: { contentType: 'application/json', example: undefined, headerExamples: {} },
      },
    ],
    [
      'a named example without a value',
      {
        given: json({ 'application/json': { examples: { a: {} } } }),
        want: { contentType: 'application/json', example: undefined, headerExamples: {} },
      },
    ],
    [
      'the first media type when there are several',
      {
        given: json({ 'application/json': { example: THING }, 'text/plain': { example: 'Desk' } }),
        want: { contentType: 'application/json', example: THING, headerExamples: {} },
      },
    ],
    [
      'no body (a 204): no content type, but the headers’ examples, as strings',
      {
        given: {
          description: 'x',
          headers: {
            'Retry-After': { schema: { type: 'integer' }, example: 30 },
            'X-Empty': { schema: { type: 'string' }, example: '' },
            'X-None': { schema: { type: 'string' } },
          },
        },
        want: {
          contentType: undefined,
          example: undefined,
          headerExamples: { 'Retry-After': '30', 'X-Empty': '' },
        },
      },
    ],
    [
      'an empty content map',
      {
        given: { description: 'x', content: {} },
        want: { contentType: undefined, example: undefined, headerExamples: {} },
      },
    ],
  ];
  it.each(cases)('%s', (_name, { given, want }) => {
    expect(documentedResponse(operation({ '200': given }), 200)).toEqual(want);
  });

  it('a status the operation does not document has no example', () => {
    expect(
      documentedResponse(operation({ '200': json({ 'application/json': { example: THING } }) }), 404),
    ).toBe(undefined);
  });

  it('the example is a copy: changing an answer never changes the spec', () => {
    const op = operation({ '200': json({ 'application/json': { example: structuredClone(THING) } }) });
    const first = documentedResponse(op, 200)?.example as { name: string };
    first.name = 'changed';
    expect(documentedResponse(op, 200)?.example).toEqual(THING);
  });
});
