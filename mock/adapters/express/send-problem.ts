import { randomBytes } from 'node:crypto';
import type { Response } from 'express';
import { type ProblemCode, problem } from '../../pipeline/problems.js';
import { problemResponse } from '../../pipeline/respond.js';

const ALPHANUMERIC = /[^A-Za-z0-9]/g;

/** Answers a refusal the Express adapter makes before the pipeline sees the request, with its own request id. */
export function sendProblem(res: Response, code: ProblemCode, detail: string): void {
  const requestId = `req_${randomBytes(18).toString('base64').replace(ALPHANUMERIC, '').slice(0, 16).padEnd(16, '0')}`;
  const answer = problemResponse(problem(code, detail, requestId), { 'X-Request-Id': requestId });
  res.writeHead(answer.status, answer.headers);
  res.end(answer.body);
}
