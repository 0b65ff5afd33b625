import type { components } from '../../spec/generated/api.js';
import { type AdminAnswer, type AdminCall, type AdminOperationId, MockAdminError } from './admin-call.js';

type Route = readonly ['GET' | 'PUT' | 'POST' | 'DELETE', string];

/**
 * Where each admin operation answers (mock/admin-openapi.yaml). Every operation has a row, or the
 * build fails; `mock/driver/http-call.test.ts` checks each row against the spec.
 */
export const ADMIN_ROUTES = {
  resetMock: ['POST', '/__mock/reset'],
  getClock: ['GET', '/__mock/clock'],
  setClock: ['PUT', '/__mock/clock'],
  advanceClock: ['POST', '/__mock/clock/advance'],
  listMockUsers: ['GET', '/__mock/users'],
  listAllCalls: ['GET', '/__mock/calls'],
  listConversations: ['GET', '/__mock/texts'],
  getInspectedCall: ['GET', '/__mock/calls/{callId}'],
  sendRemoteCallEvent: ['POST', '/__mock/calls/{callId}/events'],
  receiveInboundText: ['POST', '/__mock/texts/inbound'],
  listFaults: ['GET', '/__mock/faults'],
  addFault: ['POST', '/__mock/faults'],
  clearFaults: ['DELETE', '/__mock/faults'],
  listJournal: ['GET', '/__mock/journal'],
  listScenarios: ['GET', '/__mock/scenarios'],
  putScenario: ['PUT', '/__mock/scenarios/{name}'],
  getScenario: ['GET', '/__mock/scenarios/{name}'],
  deleteScenario: ['DELETE', '/__mock/scenarios/{name}'],
  getCallScenarioRun: ['GET', '/__mock/calls/{callId}/scenario'],
  listScenarioRuns: ['GET', '/__mock/scenario-runs'],
  listWebhookDeliveries: ['GET', '/__mock/webhooks'],
  redeliverWebhook: ['POST', '/__mock/webhooks/{deliveryId}/redeliver'],
  exportState: ['GET', '/__mock/state'],
  importState: ['PUT', '/__mock/state'],
  listPopulations: ['GET', '/__mock/populations'],
  putPopulation: ['PUT', '/__mock/populations/{name}'],
  getPopulation: ['GET', '/__mock/populations/{name}'],
  deletePopulation: ['DELETE', '/__mock/populations/{name}'],
  getWebhookDelivery: ['GET', '/__mock/webhook-delivery'],
  putWebhookDelivery: ['PUT', '/__mock/webhook-delivery'],
  getReport: ['GET', '/__mock/report'],
} as const satisfies Record<AdminOperationId, Route>;

type Problem = components['schemas']['Problem'];

const isProblem = (value: unknown): value is Problem =>
  typeof value === 'object' && value !== null && 'status' in value && 'detail' in value && 'code' in value;

function pathOf(template: string, params: Record<string, string>): string {
  return template.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(params[name] ?? ''));
}

/** The admin operations over HTTP at `url` (a mock in another process), with `adminToken` when it needs one. */
export function httpCall(url: string, adminToken?: string): AdminCall {
  const base = url.replace(/\/$/, '');
  return async (operationId, input = {}) => {
    const [method, template] = ADMIN_ROUTES[operationId];
    const search = new URLSearchParams();
    for (const [name, value] of Object.entries(input.query ?? {}))
      if (value !== undefined) search.set(name, String(value));
    const headers: Record<string, string> = {};
    if (adminToken !== undefined) headers['x-admin-token'] = adminToken;
    if (input.as) {
      if ('token' in input.as) headers.authorization = `Bearer ${input.as.token}`;
      else headers['x-mock-user'] = input.as.userId;
    }
    if (input.body !== undefined) headers['content-type'] = 'application/json';
    const query = search.size > 0 ? `?${search}` : '';
    const target = `${base}${pathOf(template, (input.params ?? {}) as Record<string, string>)}${query}`;
    const response = await fetch(target, {
      method,
      headers,
      ...(input.body !== undefined ? { body: JSON.stringify(input.body) } : {}),
    });
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text === '' ? undefined : JSON.parse(text);
    } catch {
      parsed = text;
    }
    if (response.ok) return parsed as AdminAnswer<typeof operationId>;
    if (isProblem(parsed)) throw new MockAdminError(operationId, parsed);
    throw new Error(`${operationId}: ${method} ${target} answered ${response.status}: ${text.slice(0, 200)}`);
  };
}
