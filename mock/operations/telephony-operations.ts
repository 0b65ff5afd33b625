import { DomainError } from '../domain/errors.js';
import type { Telephony } from '../domain/telephony.js';
import type { TelephonyHandlers } from '../pipeline/types.js';
import type { WebhookTargetRule } from '../webhooks/webhook-target.js';

export interface TelephonyOperationOptions {
  /** Where webhooks may go (webhook-target.ts): never the mock's own admin API. */
  webhookTargets?: WebhookTargetRule;
}

const ok = <B>(body: B) => ({ status: 200 as const, body });
const created = <B extends { id: string }>(body: B, collection: string) => ({
  status: 201 as const,
  body,
  headers: { Location: `/${collection}/${body.id}` },
});

/**
 * The telephony API's operations, by operationId: each translates a validated request into one
 * domain command. No rule lives here.
 */
export function telephonyOperations(
  t: Telephony,
  options: TelephonyOperationOptions = {},
): TelephonyHandlers {
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
    createCall: async ({ principal: { user }, body }) => {
      await refuseOwnUrl(body.webhookUrl, '/body/webhookUrl');
      return created(t.calls.create(user.id, user.number, body), 'calls');
    },
    listCalls: ({ principal, query }) => ok(t.calls.list(principal.user.id, query)),
    getCall: ({ principal, params }) => ok(t.calls.get(principal.user.id, params.callId)),
    hangUpCall: ({ principal, params }) => ok(t.calls.hangUp(principal.user.id, params.callId)),
    respondToCall: ({ principal, params, body }) =>
      ok(t.calls.respond(principal.user.id, params.callId, body.text)),
    injectCallAudio: ({ principal, params, body }) =>
      ok(t.calls.injectAudio(principal.user.id, params.callId, body)),
    routeCall: ({ principal, params, body }) => ok(t.calls.route(principal.user.id, params.callId, body)),
    sendText: ({ principal: { user }, body }) => created(t.texts.send(user.id, user.number, body), 'texts'),
    listTexts: ({ principal, query }) => ok(t.texts.list(principal.user.id, query)),
    getText: ({ principal, params }) => ok(t.texts.get(principal.user.id, params.textId)),
    setTextWebhook: async ({ principal, body }) => {
      await refuseOwnUrl(body.url, '/body/url');
      return ok(t.texts.setWebhook(principal.user.id, body.url));
    },
    getTextWebhook: ({ principal }) => ok(t.texts.getWebhook(principal.user.id)),
    createAgent: ({ principal, body }) => created(t.agents.create(principal.user.id, body), 'agents'),
    listAgents: ({ principal, query }) => ok(t.agents.list(principal.user.id, query)),
    getAgent: ({ principal, params }) => ok(t.agents.require(principal.user.id, params.agentId)),
    updateAgent: ({ principal, params, body }) =>
      ok(t.agents.update(principal.user.id, params.agentId, body)),
    upsertAgentPersona: ({ principal, params, body }) => {
      const { persona, created } = t.agents.upsertPersona(principal.user.id, params.agentId, body);
      return { status: created ? 201 : 200, body: persona };
    },
    getAgentPersona: ({ principal, params }) => ok(t.agents.getPersona(principal.user.id, params.agentId)),
  };
}
