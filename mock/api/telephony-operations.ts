import { DomainError } from '../domain/errors.js';
import type { Telephony } from '../domain/telephony.js';
import type { UserConfig } from '../domain/tenants.js';
import type { WebhookTargetRule } from '../webhooks/webhook-target.js';
import type { OperationHandlers, OperationInput, OperationResult } from './types.js';

export interface TelephonyOperationOptions {
  /** Where webhooks may go (webhook-target.ts): never the mock's own admin API. */
  webhookTargets?: WebhookTargetRule;
}

const ok = (body: unknown, status = 200, headers?: Record<string, string>): OperationResult => ({
  status,
  body,
  ...(headers ? { headers } : {}),
});

function userOf(input: OperationInput): UserConfig {
  if (!input.principal) throw new Error(`${input.operationId} reached its handler without a user`);
  return input.principal.user;
}

/**
 * The telephony API's operations, by operationId: each translates a validated request into one
 * domain command. No rule lives here.
 */
export function telephonyOperations(
  t: Telephony,
  options: TelephonyOperationOptions = {},
): OperationHandlers {
  const refuseOwnUrl = async (url: string | undefined, field: string) => {
    if (url && (await options.webhookTargets?.isOwnAdmin(new URL(url)))) {
      throw new DomainError(
        'invalid',
        'webhook_url_forbidden',
        'Webhooks cannot target the mock’s own admin API.',
        field,
      );
    }
  };
  return {
    createCall: async (i) => {
      await refuseOwnUrl(i.body.webhookUrl, '/body/webhookUrl');
      const user = userOf(i);
      const call = t.calls.create(user.id, user.number, i.body);
      return ok(call, 201, { Location: `/calls/${call.id}` });
    },
    listCalls: (i) => ok(t.calls.list(userOf(i).id, i.query)),
    getCall: (i) => ok(t.calls.get(userOf(i).id, i.params.callId as string)),
    hangUpCall: (i) => ok(t.calls.hangUp(userOf(i).id, i.params.callId as string)),
    respondToCall: (i) => ok(t.calls.respond(userOf(i).id, i.params.callId as string, i.body.text)),
    injectCallAudio: (i) => ok(t.calls.injectAudio(userOf(i).id, i.params.callId as string, i.body)),
    routeCall: (i) => ok(t.calls.route(userOf(i).id, i.params.callId as string, i.body)),
    sendText: (i) => {
      const user = userOf(i);
      const text = t.texts.send(user.id, user.number, i.body);
      return ok(text, 201, { Location: `/texts/${text.id}` });
    },
    listTexts: (i) => ok(t.texts.list(userOf(i).id, i.query)),
    getText: (i) => ok(t.texts.get(userOf(i).id, i.params.textId as string)),
    setTextWebhook: async (i) => {
      await refuseOwnUrl(i.body.url, '/body/url');
      return ok(t.texts.setWebhook(userOf(i).id, i.body.url));
    },
    getTextWebhook: (i) => ok(t.texts.getWebhook(userOf(i).id)),
    createAgent: (i) => {
      const agent = t.agents.create(userOf(i).id, i.body);
      return ok(agent, 201, { Location: `/agents/${agent.id}` });
    },
    listAgents: (i) => ok(t.agents.list(userOf(i).id, i.query)),
    getAgent: (i) => ok(t.agents.require(userOf(i).id, i.params.agentId as string)),
    updateAgent: (i) => ok(t.agents.update(userOf(i).id, i.params.agentId as string, i.body)),
    upsertAgentPersona: (i) => {
      const { persona, created } = t.agents.upsertPersona(userOf(i).id, i.params.agentId as string, i.body);
      return ok(persona, created ? 201 : 200);
    },
    getAgentPersona: (i) => ok(t.agents.getPersona(userOf(i).id, i.params.agentId as string)),
  };
}
