import { describe, expect, it } from 'vitest';
import { type RouteMatch, Router } from './router.js';
import type { SpecOperation } from './spec.js';
import { loadSpec } from './spec.js';

const op = (operationId: string, method: string, path: string): SpecOperation => ({
  operationId,
  method,
  path,
  parameters: [],
  responses: {},
});

// The shapes the telephony API has: a literal beside a parameter at the same depth, nested paths.
const router = new Router([
  op('listCalls', 'GET', '/calls'),
  op('createCall', 'POST', '/calls'),
  op('getCall', 'GET', '/calls/{callId}'),
  op('hangUpCall', 'PUT', '/calls/{callId}/hangup'),
  op('getText', 'GET', '/texts/{textId}'),
  op('getTextWebhook', 'GET', '/texts/webhook'),
  op('setTextWebhook', 'PUT', '/texts/webhook'),
  op('getPersona', 'GET', '/agents/{agentId}/persona'),
  op('getVoice', 'GET', '/agents/{agentId}/voices/{voiceId}'),
  op('root', 'GET', '/'),
]);

describe('Router.match', () => {
  const cases: Array<[string, { given: [method: string, path: string]; want: RouteMatch }]> = [
    [
      'a literal path',
      { given: ['GET', '/calls'], want: { kind: 'operation', operationId: 'listCalls', params: {} } },
    ],
    [
      'another method on it',
      { given: ['POST', '/calls'], want: { kind: 'operation', operationId: 'createCall', params: {} } },
    ],
    [
      'a parameter',
      {
        given: ['GET', '/calls/call_1'],
        want: { kind: 'operation', operationId: 'getCall', params: { callId: 'call_1' } },
      },
    ],
    [
      'a parameter inside the path',
      {
        given: ['PUT', '/calls/call_1/hangup'],
        want: { kind: 'operation', operationId: 'hangUpCall', params: { callId: 'call_1' } },
      },
    ],
    [
      'two parameters',
      {
        given: ['GET', '/agents/agt_1/voices/voc_2'],
        want: { kind: 'operation', operationId: 'getVoice', params: { agentId: 'agt_1', voiceId: 'voc_2' } },
      },
    ],
    [
      'a literal wins over a parameter at the same place, whatever the order in the spec',
      {
        given: ['GET', '/texts/webhook'],
        want: { kind: 'operation', operationId: 'getTextWebhook', params: {} },
      },
    ],
    [
      'the parameter still takes every other value',
      {
        given: ['GET', '/texts/txt_1'],
        want: { kind: 'operation', operationId: 'getText', params: { textId: 'txt_1' } },
      },
    ],
    [
      'a percent-encoded parameter is decoded',
      {
        given: ['GET', '/calls/sip%3Adesk%40example.com'],
        want: { kind: 'operation', operationId: 'getCall', params: { callId: 'sip:desk@example.com' } },
      },
    ],
    ['the root', { given: ['GET', '/'], want: { kind: 'operation', operationId: 'root', params: {} } }],
    [
      'a wrong method lists the allowed ones',
      { given: ['DELETE', '/calls'], want: { kind: 'method-not-allowed', allow: ['GET', 'POST'] } },
    ],
    [
      'a wrong method on a literal lists only that path’s methods, not the parameter’s',
      { given: ['POST', '/texts/webhook'], want: { kind: 'method-not-allowed', allow: ['GET', 'PUT'] } },
    ],
    [
      'a wrong method on a parameter path',
      { given: ['PUT', '/texts/txt_1'], want: { kind: 'method-not-allowed', allow: ['GET'] } },
    ],
    ['an unknown path', { given: ['GET', '/numbers'], want: { kind: 'not-found' } }],
    ['an empty parameter', { given: ['GET', '/calls/'], want: { kind: 'not-found' } }],
    ['an empty parameter inside the path', { given: ['PUT', '/calls//hangup'], want: { kind: 'not-found' } }],
    ['a path deeper than any route', { given: ['GET', '/a/b/c/d/e/f'], want: { kind: 'not-found' } }],
    [
      'a path one segment too long',
      { given: ['GET', '/calls/call_1/hangup/now'], want: { kind: 'not-found' } },
    ],
    [
      'a known path with a wrong last literal',
      { given: ['PUT', '/calls/call_1/hangdown'], want: { kind: 'not-found' } },
    ],
    ['literals match case-sensitively', { given: ['GET', '/Calls'], want: { kind: 'not-found' } }],
    [
      'undecodable percent-encoding',
      {
        given: ['GET', '/calls/%E0%A4%A'],
        want: { kind: 'bad-path', param: 'callId', detail: expect.stringContaining('%E0%A4%A') },
      },
    ],
  ];
  it.each(cases)('%s', (_name, { given: [method, path], want }) => {
    expect(router.match(method, path)).toEqual(want);
  });

  it('a parameter named with braces only at both ends; other segments are literals', () => {
    const odd = new Router([op('braced', 'GET', '/{a}/x{b}/{c')]);
    expect(odd.match('GET', '/1/x{b}/{c')).toEqual({
      kind: 'operation',
      operationId: 'braced',
      params: { a: '1' },
    });
    expect(odd.match('GET', '/1/2/3')).toEqual({ kind: 'not-found' });
  });

  it('the most literal route wins even when a less literal one was declared first', () => {
    const ordered = new Router([
      op('any', 'GET', '/{a}/{b}'),
      op('half', 'GET', '/x/{b}'),
      op('full', 'GET', '/x/y'),
    ]);
    expect(
      ['/x/y', '/x/z', '/w/z'].map((p) => (ordered.match('GET', p) as { operationId: string }).operationId),
    ).toEqual(['full', 'half', 'any']);
  });

  it('routes every operation of openapi.yaml to itself', async () => {
    const spec = await loadSpec();
    const real = new Router(spec.operations.values());
    for (const operation of spec.operations.values()) {
      const path = operation.path.replace(/\{[^}]+\}/g, 'x_1');
      const match = real.match(operation.method, path);
      expect(match.kind === 'operation' && match.operationId, `${operation.method} ${path}`).toBe(
        operation.operationId,
      );
    }
  });
});
