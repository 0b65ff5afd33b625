import type { components as admin, operations } from '../../../spec/generated/admin-api.js';

export type Clock = admin['schemas']['Clock'];
export type MockUser = admin['schemas']['MockUser'];
export type InspectedCall = admin['schemas']['InspectedCall'];
export type Conversation = admin['schemas']['Conversation'];
export type Delivery = admin['schemas']['Delivery'];
export type JournalEntry = admin['schemas']['JournalEntry'];
export type Fault = admin['schemas']['Fault'];
export type FaultRequest = admin['schemas']['FaultRequest'];
export type ScenarioRun = admin['schemas']['ScenarioRun'];
export type CampaignReport = admin['schemas']['CampaignReport'];
export type ReportRuns = admin['schemas']['ReportRuns'];
type Json<Id extends keyof operations, Status extends number> =
  operations[Id]['responses'] extends Record<Status, { content: { 'application/json': infer T } }>
    ? T
    : never;
export type CallsPage = Json<'listAllCalls', 200>;
export type ConversationsPage = Json<'listConversations', 200>;

const ADMIN_TOKEN_KEY = 'telemock.adminToken';

/** A refusal from the mock, with the problem document's detail as the message. */
export class ApiError extends Error {
  readonly status: number;
  constructor(status: number, message: string) {
    super(message);
    this.status = status;
  }
}

/** Remembers the admin token (needed only when the mock listens beyond 127.0.0.1) for this tab. */
export function setAdminToken(token: string): void {
  sessionStorage.setItem(ADMIN_TOKEN_KEY, token);
}

/**
 * Calls the mock. `user` is the id of the telephony user the admin operations that act for a user
 * act for (`X-Mock-User`: the page never holds their tokens); the admin token, when set, goes on
 * every request.
 */
export async function call<T>(
  method: string,
  path: string,
  options: { body?: unknown; user?: string } = {},
): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json, application/problem+json' };
  if (options.body !== undefined) headers['content-type'] = 'application/json';
  if (options.user) headers['x-mock-user'] = options.user;
  const adminToken = sessionStorage.getItem(ADMIN_TOKEN_KEY);
  if (adminToken) headers['x-admin-token'] = adminToken;
  const response = await fetch(path, {
    method,
    headers,
    ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
  });
  const text = await response.text();
  const parsed: unknown = text ? JSON.parse(text) : undefined;
  if (!response.ok) {
    const problem = (parsed ?? {}) as { title?: string; detail?: string };
    if (response.status === 401 && !options.user) document.dispatchEvent(new Event('inspector:admin-token'));
    throw new ApiError(
      response.status,
      `${response.status}: ${problem.detail ?? problem.title ?? response.statusText}`,
    );
  }
  return parsed as T;
}

/** A query string from the defined values. */
export function query(params: Record<string, string | number | undefined>): string {
  const search = new URLSearchParams();
  for (const [name, value] of Object.entries(params)) {
    if (value !== undefined && value !== '') search.set(name, String(value));
  }
  const text = search.toString();
  return text ? `?${text}` : '';
}
