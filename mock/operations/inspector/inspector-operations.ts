import type { components } from '../../../spec/generated/admin-api.js';
import { notFound } from '../../domain/errors.js';
import type { Telephony } from '../../domain/telephony.js';
import type { AdminHandlers } from '../../pipeline/types.js';
import { redactBody, secretHint } from '../../stores/redact-secrets.js';
import { listAllCalls } from './all-calls.js';
import { CallTimelines } from './call-timelines.js';
import { listConversations } from './conversations.js';

type MockUser = components['schemas']['MockUser'];

/**
 * The admin operations the inspector reads from (admin-openapi.yaml: listMockUsers, listAllCalls,
 * getInspectedCall, listConversations). Call it once per Telephony: it starts noting every call's status changes.
 */
export function inspectorOperations(deps: {
  telephony: Telephony;
}): AdminHandlers<'listMockUsers' | 'listAllCalls' | 'getInspectedCall' | 'listConversations'> {
  const { telephony } = deps;
  const timelines = new CallTimelines(telephony);
  return {
    listMockUsers: () => ({
      status: 200,
      body: {
        users: telephony.tenants.users.map(
          (user): MockUser => ({
            id: user.id,
            number: user.number,
            suspended: user.suspended ?? false,
            tokens: user.tokens.map((t) => ({ access: t.access, hint: secretHint(t.token) })),
          }),
        ),
      },
    }),
    listAllCalls: ({ query }) => ({
      status: 200,
      body: redactBody(listAllCalls(telephony, timelines, query)),
    }),
    getInspectedCall: ({ params }) => {
      const { callId } = params;
      for (const { id: userId } of telephony.tenants.users) {
        const call = telephony.calls.find(userId, callId);
        if (!call) continue;
        const agentName = telephony.agents.find(userId, call.agentId)?.name ?? null;
        const body = { userId, agentName, timeline: timelines.of(userId, call), call };
        return { status: 200, body: redactBody(structuredClone(body)) };
      }
      throw notFound('call', callId);
    },
    listConversations: ({ query }) => ({
      status: 200,
      body: redactBody(listConversations(telephony, query)),
    }),
  };
}
