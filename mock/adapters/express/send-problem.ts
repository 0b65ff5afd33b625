import type { Response } from 'express';
import { type ProblemCode, problem } from '../../pipeline/problems.js';
import { outOfSequenceRequestId } from '../../pipeline/request-policy.js';
import { problemResponse } from '../../pipeline/respond.js';

/** Answers a refusal the Express adapter makes before the pipeline sees the request, with its own request id. */
export function sendProblem(res: Response, code: ProblemCode, detail: string): void {
  const requestId = outOfSequenceRequestId();
  const answer = problemResponse(problem(code, detail, requestId), { 'X-Request-Id': requestId });
  res.writeHead(answer.status, answer.headers);
  res.end(answer.body);
}
