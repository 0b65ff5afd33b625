import { PROBLEM_CONTENT_TYPE, type Problem } from './problems.js';
import type { ApiResponse } from './types.js';

/** A JSON response. */
export function json(status: number, body: unknown, headers: Record<string, string> = {}): ApiResponse {
  if (body === undefined) return { status, headers };
  return { status, headers: { 'Content-Type': 'application/json', ...headers }, body: JSON.stringify(body) };
}

/** A problem+json response with the problem's status. */
export function problemResponse(problem: Problem, headers: Record<string, string> = {}): ApiResponse {
  return {
    status: problem.status,
    headers: { 'Content-Type': PROBLEM_CONTENT_TYPE, ...headers },
    body: JSON.stringify(problem),
  };
}
