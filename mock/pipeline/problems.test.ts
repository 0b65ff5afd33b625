import { describe, expect, it } from 'vitest';
import type { DomainErrorKind } from '../domain/errors.js';
import { domainProblem, type ProblemCode, problem } from './problems.js';
import { json, problemResponse } from './respond.js';

describe('problem', () => {
  // Each code of the pipeline's own refusals, and the status a client sees for it.
  const statuses: Array<[ProblemCode, number]> = [
    ['validation_failed', 400],
    ['invalid_json', 400],
    ['unexpected_body', 400],
    ['prefer_not_documented', 400],
    ['unauthorized', 401],
    ['malformed_authorization', 401],
    ['invalid_token', 401],
    ['admin_token_required', 401],
    ['read_only_token', 403],
    ['account_suspended', 403],
    ['route_not_found', 404],
    ['method_not_allowed', 405],
    ['idempotency_key_reused', 409],
    ['payload_too_large', 413],
    ['unsupported_media_type', 415],
    ['rate_limited', 429],
    ['internal_error', 500],
    ['service_unavailable', 503],
  ];
  it.each(statuses)('%s answers %i', (code, status) => {
    const p = problem(code, 'why', 'req_1');
    expect(p).toEqual({
      type: `https://telemock.dev/problems/${code}`,
      title: expect.any(String),
      status,
      detail: 'why',
      code,
      requestId: 'req_1',
    });
    // RFC 9457: the title is the same for every occurrence of a type, and says something.
    expect(p.title.length).toBeGreaterThan(0);
    expect(problem(code, 'another detail', 'req_2').title).toBe(p.title);
  });

  it('a 400 carries its field errors; others carry none', () => {
    const errors = [{ path: '/body/name', message: 'must be a string' }];
    expect(problem('validation_failed', 'bad', 'req_1', errors).errors).toEqual(errors);
    expect('errors' in problem('route_not_found', 'no', 'req_1')).toBe(false);
  });
});

describe('domainProblem', () => {
  it.each([
    ['invalid', 400],
    ['forbidden', 403],
    ['not_found', 404],
    ['conflict', 409],
  ] as Array<[DomainErrorKind, number]>)('a %s domain error answers %i with its own code', (kind, status) => {
    const p = domainProblem(kind, 'call_ended', 'Call call_1 has ended.', 'req_1');
    expect(p).toMatchObject({ status, code: 'call_ended', type: 'https://telemock.dev/problems/call_ended' });
    expect(p.title.length).toBeGreaterThan(0);
    expect('errors' in p).toBe(false);
  });

  it('a domain error about one field names it in the field errors', () => {
    const p = domainProblem('invalid', 'invalid_number', 'Not a number.', 'req_1', '/body/to');
    expect(p.errors).toEqual([{ path: '/body/to', message: 'Not a number.' }]);
  });
});

describe('respond', () => {
  it('a problem answers problem+json with its status; the caller’s headers are kept', () => {
    const r = problemResponse(problem('rate_limited', 'slow down', 'req_1'), { 'Retry-After': '5' });
    expect([r.status, r.headers, JSON.parse(r.body ?? '')]).toEqual([
      429,
      { 'Content-Type': 'application/problem+json', 'Retry-After': '5' },
      expect.objectContaining({ code: 'rate_limited', requestId: 'req_1' }),
    ]);
    expect(problemResponse(problem('internal_error', 'x', 'req_1')).headers).toEqual({
      'Content-Type': 'application/problem+json',
    });
  });

  it('json answers a body as JSON, and no body without a content type', () => {
    expect(json(200, { a: 1 }, { ETag: 'x' })).toEqual({
      status: 200,
      headers: { 'Content-Type': 'application/json', ETag: 'x' },
      body: '{"a":1}',
    });
    expect(json(204, undefined)).toEqual({ status: 204, headers: {} });
    expect(json(200, null)).toEqual({
      status: 200,
      headers: { 'Content-Type': 'application/json' },
      body: 'null',
    });
  });
});
