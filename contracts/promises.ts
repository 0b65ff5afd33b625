import type { CheckName } from './results.js';
import { pointerSegment, statusPromises } from './status-promises.js';

/**
 * One promise `openapi.yaml` makes in words: where the words are (a JSON pointer into the YAML as
 * written, before `$ref`s are followed), the words themselves, and the check that judges them on
 * a deployment, or why no client can observe them.
 */
export type SpecPromise = { id: string; at: string; words: string } & (
  | { check: CheckName }
  | { unobservable: string }
);

/** The pointer of an operation: `op('/calls/{callId}', 'get')`. */
export const op = (path: string, method: string) => `/paths/${pointerSegment(path)}/${method}`;

const judged = (id: string, at: string, words: string, check: CheckName): SpecPromise => ({
  id,
  at,
  words,
  check,
});
const unjudged = (id: string, at: string, words: string, unobservable: string): SpecPromise => ({
  id,
  at,
  words,
  unobservable,
});

// Reasons shared by several rows.
const LABEL = 'a label: it names what the operation or item is; the schema and positive-data judge it';
const AI = 'what an AI agent or a person on the line does is not visible in the API';
const INBOUND = 'needs an inbound SMS, which only a phone can send to a real deployment';
const SERVER_FAULT = 'a server fault: not provokable from outside';
const AT_LEAST_ONCE =
  'a freedom the deployment has, and advice to receivers, not an obligation: the webhooks check accepts duplicates and any order';
const TOO_MANY = 'reaching the cap needs thousands of objects on the deployment; the suite stays gentle';

const CALLS = op('/calls', 'post');
const GET_CALL = op('/calls/{callId}', 'get');
const HANG_UP = op('/calls/{callId}/hangup', 'put');
const RESPOND = op('/calls/{callId}/respond', 'post');
const AUDIO = op('/calls/{callId}/audio', 'put');
const ROUTE = op('/calls/{callId}/route', 'put');
const TEXTS = op('/texts', 'post');
const LIST_TEXTS = op('/texts', 'get');
const WEBHOOK_GET = op('/texts/webhook', 'get');
const WEBHOOK_PUT = op('/texts/webhook', 'put');
const AGENTS = op('/agents', 'post');
const AGENT_PUT = op('/agents/{agentId}', 'put');
const PERSONA_POST = op('/agents/{agentId}/persona', 'post');
const PERSONA_GET = op('/agents/{agentId}/persona', 'get');
const H = '/components/headers';
const S = '/components/schemas';
const P = '/components/parameters';
const R = '/components/responses';
const L = '/components/links';

/** Every promise in the words of `openapi.yaml` (descriptions, summaries), one row each. */
// biome-ignore format: a table reads best one promise a line.
export const PROMISES: SpecPromise[] = [
  // The API as a whole.
  judged('info-summary', '/info/summary', 'Voice calls, SMS through webhooks and AI voice agents.', 'positive-data'),
  unjudged('info-intro', '/info/description', 'Create and manage telephony applications driven by AI voice agents.', 'an introduction: each part it names has promises of its own below'),
  judged('calls-flow', '/info/description', 'follow it through `queued → ringing → in-progress → completed`', 'lifecycle'),
  judged('calls-act-live', '/info/description', 'act on it while it is live: speak, inject audio, transfer', 'action-outcome'),
  unjudged('texts-answer-in-webhook', '/info/description', 'answer in the webhook response or later with `POST /texts`', INBOUND),
  judged('agents-voice', '/info/description', 'AI voice agents with a persona and a stock or cloned voice', 'exact-status'),
  judged('bearer', '/info/description', 'Authentication is a Bearer token in the `Authorization` header.', 'auth-missing-token'),
  judged('rate-headers-everywhere', '/info/description', 'Every authenticated response carries `X-RateLimit-Limit`, `X-RateLimit-Remaining` and `X-RateLimit-Reset`', 'headers'),
  unjudged('rate-100', '/info/description', 'the standard limit is 100 requests per minute per user', 'a deployment under test may be configured with another limit; the suite judges the limit it announces (rate-limit)'),
  judged('rate-429', '/info/description', 'a request over it gets `429` with `Retry-After`', 'rate-limit'),
  judged('answer-shows-change', '/info/description', 'An answer to a change (create, update, action) shows the resource as changed, and so does every later read of it.', 'change-shown'),
  judged('errors-problem', '/info/description', 'Errors are RFC 9457 `application/problem+json` documents with a stable `code`.', 'problem-body'),
  judged('media-type-415', '/info/description', 'any other media type, `application/*+json` included, is refused with `415`', 'exact-status'),
  judged('encoding-415', '/info/description', 'and so is a `Content-Encoding` other than `identity`', 'exact-status'),
  judged('body-413', '/info/description', 'Request bodies larger than `x-max-body-bytes` are refused with `413`', 'exact-status'),
  judged('field-errors-cap', '/info/description', 'a `400` lists at most `x-max-field-errors` wrong fields', 'schema'),
  judged('http-url', '/info/description', 'Refused with `400`: no host', 'negative-body'),
  judged('http-url-format', '/info/description', 'an absolute `http` or `https` URL that both RFC 3986 and the WHATWG URL parser accept, with a host', 'negative-body'),
  judged('https-only', '/info/description', 'Where the field says so, only `https` is accepted.', 'negative-body'),
  unjudged('servers', '/servers/0/description', 'telemock, the local mock', 'names the mock as a server; a deployment is judged at the URL it is given'),
  unjudged('tag-calls', '/tags/0/description', 'Outbound voice calls handled by an AI agent.', LABEL),
  unjudged('tag-texts', '/tags/1/description', 'SMS sent and received; inbound SMS are delivered by webhook.', LABEL),
  unjudged('tag-agents', '/tags/2/description', 'AI voice agents, their personas and voices.', LABEL),

  // Calls.
  judged('create-call', `${CALLS}/summary`, 'Initiate a new call', 'positive-data'),
  judged('create-call-dials', `${CALLS}/description`, 'Dials `to` and hands the call to the agent `agentId` once answered.', 'change-shown'),
  judged('call-created-queued', `${CALLS}/description`, 'The call is created `queued`', 'change-shown'),
  judged('call-progress-read', `${CALLS}/description`, 'its progress is reported by `GET /calls/{callId}`', 'lifecycle'),
  judged('call-progress-webhooks', `${CALLS}/description`, 'when `webhookUrl` is set, by `call.*` webhooks', 'webhooks'),
  judged('voice-not-ready-409', `${CALLS}/description`, "The agent's voice must be `ready` (else `409` `agent_voice_not_ready`)", 'exact-status'),
  unjudged('too-many-live-calls', `${CALLS}/description`, 'a user has at most a set number of calls not yet ended', TOO_MANY),
  judged('call-created-201', `${CALLS}/responses/201/description`, 'The call was created and is queued.', 'change-shown'),
  judged('list-calls', `${op('/calls', 'get')}/summary`, 'List calls', 'positive-data'),
  judged('list-calls-order', `${op('/calls', 'get')}/description`, "The caller's calls, newest first, with cursor pagination.", 'pagination'),
  judged('filter-call-status', `${op('/calls', 'get')}/parameters/2/description`, 'Only calls in this status.', 'filters'),
  judged('page-of-calls', `${op('/calls', 'get')}/responses/200/description`, 'A page of calls.', 'schema'),
  judged('get-call', `${GET_CALL}/summary`, 'Get a call', 'positive-data'),
  judged('call-sequence', `${GET_CALL}/description`, '`sequence` increases with every change', 'lifecycle'),
  judged('hang-up', `${HANG_UP}/summary`, 'End an active call', 'lifecycle'),
  judged('hang-up-before-answer', `${HANG_UP}/description`, 'Before the call is answered it becomes `canceled`', 'action-outcome'),
  judged('hang-up-live', `${HANG_UP}/description`, 'in progress it becomes `completed` with `endedReason: agent-hangup`', 'action-outcome'),
  judged('hang-up-ended', `${HANG_UP}/description`, 'A call that has ended gets `409`.', 'lifecycle'),
  judged('hang-up-no-body', `${HANG_UP}/description`, 'The request has no body.', 'lifecycle'),
  judged('respond', `${RESPOND}/summary`, 'Send a response to an active call', 'lifecycle'),
  judged('respond-transcript', `${RESPOND}/description`, 'The agent says `text` now; it is added to the transcript.', 'action-outcome'),
  judged('respond-live-only', `${RESPOND}/description`, 'Only while `in-progress`.', 'lifecycle'),
  judged('audio', `${AUDIO}/summary`, 'Inject audio into an active call', 'lifecycle'),
  judged('audio-plays', `${AUDIO}/description`, 'Plays audio into the call, from an `https` URL or inline base64 `content`', 'action-outcome'),
  judged('audio-1mib', `${AUDIO}/description`, '(at most 1 MiB of audio)', 'negative-body'),
  judged('audio-live-only', `${AUDIO}/description`, 'Only while `in-progress`.', 'lifecycle'),
  judged('route', `${ROUTE}/summary`, 'Route an ongoing call to a different endpoint', 'lifecycle'),
  judged('route-transfers', `${ROUTE}/description`, 'Transfers the call to an E.164 number or a `sip:` URI.', 'action-outcome'),
  judged('route-recorded', `${ROUTE}/description`, 'The result is recorded in `routes`', 'action-outcome'),
  unjudged('route-failed-stays', `${ROUTE}/description`, 'when the route fails the call stays with the agent', 'needs a destination that is sure to fail; the spec names none, and the suite dials only --call-to'),
  judged('route-live-only', `${ROUTE}/description`, 'Only while `in-progress`.', 'lifecycle'),

  // Texts.
  judged('send-text', `${TEXTS}/summary`, 'Send an SMS', 'positive-data'),
  unjudged('reply-inbound', `${TEXTS}/description`, 'or replies to an inbound one (`inReplyTo`)', INBOUND),
  judged('text-created-queued', `${TEXTS}/description`, 'The text is created `queued`', 'change-shown'),
  unjudged('text-events', `${TEXTS}/description`, 'each change is sent to the texts webhook as a `text.*` event', 'the webhooks check listens for call events only; text events go to the user-wide texts webhook, which other clients of the user may be using'),
  judged('text-created-201', `${TEXTS}/responses/201/description`, 'The SMS was accepted and is queued.', 'change-shown'),
  judged('list-texts', `${LIST_TEXTS}/summary`, 'List SMS history', 'positive-data'),
  judged('list-texts-order', `${LIST_TEXTS}/description`, "The caller's inbound and outbound SMS, newest first, with cursor pagination.", 'pagination'),
  judged('filter-direction', `${LIST_TEXTS}/parameters/2/description`, 'Only inbound or only outbound SMS.', 'filters'),
  judged('filter-number', `${LIST_TEXTS}/parameters/3/description`, 'Only the conversation with this number (as `from` or `to`).', 'filters'),
  judged('page-of-texts', `${LIST_TEXTS}/responses/200/description`, 'A page of SMS.', 'schema'),
  judged('get-webhook', `${WEBHOOK_GET}/summary`, 'Get the texts webhook', 'positive-data'),
  judged('webhook-read', `${WEBHOOK_GET}/description`, "Where this user's inbound SMS and `text.*` events are delivered, and the signing secret.", 'change-shown'),
  judged('set-webhook', `${WEBHOOK_PUT}/summary`, 'Set the texts webhook', 'positive-data'),
  judged('webhook-set', `${WEBHOOK_PUT}/description`, 'Sets the `http(s)` URL that receives inbound SMS', 'change-shown'),
  judged('webhook-secret', `${WEBHOOK_PUT}/description`, "Returns the user's signing secret", 'change-shown'),
  judged('get-text', `${op('/texts/{textId}', 'get')}/summary`, 'Get an SMS', 'positive-data'),
  judged('the-text', `${op('/texts/{textId}', 'get')}/responses/200/description`, 'The SMS.', 'positive-data'),

  // Agents.
  judged('create-agent', `${AGENTS}/summary`, 'Create a new voice agent', 'positive-data'),
  judged('creates-agent', `${AGENTS}/description`, 'Creates an agent.', 'change-shown'),
  judged('clone-processing', `${AGENTS}/description`, 'the voice is cloned from the samples and is `processing` until it becomes `ready`', 'exact-status'),
  judged('calls-need-ready', `${AGENTS}/description`, 'calls need a `ready` voice', 'exact-status'),
  unjudged('too-many-agents', `${AGENTS}/description`, 'An account has at most a fixed number of agents', TOO_MANY),
  judged('agent-created', `${AGENTS}/responses/201/description`, 'The agent was created.', 'change-shown'),
  judged('list-agents', `${op('/agents', 'get')}/summary`, 'List agents', 'positive-data'),
  judged('list-agents-order', `${op('/agents', 'get')}/description`, "The caller's agents, newest first, with cursor pagination.", 'pagination'),
  judged('page-of-agents', `${op('/agents', 'get')}/responses/200/description`, 'A page of agents.', 'schema'),
  judged('get-agent', `${op('/agents/{agentId}', 'get')}/summary`, 'Get an agent', 'positive-data'),
  judged('update-agent', `${AGENT_PUT}/summary`, 'Update an existing agent', 'positive-data'),
  judged('update-fields-given', `${AGENT_PUT}/description`, 'Changes the fields given and leaves the others as they are.', 'change-shown'),
  unjudged('update-clone-again', `${AGENT_PUT}/description`, 'A new `clone` voice starts cloning again (`processing`).', 'the suite does not change the voice of an agent a call may use; cloning on creation is judged (exact-status)'),
  judged('upsert-persona', `${PERSONA_POST}/summary`, "Create or update an agent's persona", 'positive-data'),
  judged('persona-201-200', `${PERSONA_POST}/description`, 'An agent has one persona; this creates it (`201`) or replaces it (`200`).', 'exact-status'),
  judged('persona-replaced', `${PERSONA_POST}/responses/200/description`, 'The persona was replaced.', 'exact-status'),
  judged('persona-created', `${PERSONA_POST}/responses/201/description`, 'The persona was created.', 'exact-status'),
  judged('get-persona', `${PERSONA_GET}/summary`, "Get an agent's persona", 'positive-data'),
  judged('persona-404', `${PERSONA_GET}/description`, '`404` when the agent has no persona yet.', 'exact-status'),
  judged('the-persona', `${PERSONA_GET}/responses/200/description`, 'The persona.', 'change-shown'),

  // Webhooks: what the deployment sends to the user.
  unjudged('text-received', '/webhooks/textReceived/post/summary', 'An inbound SMS arrived', INBOUND),
  unjudged('text-received-sent', '/webhooks/textReceived/post/description', 'Sent to the texts webhook URL when an SMS arrives for the user.', INBOUND),
  unjudged('text-received-signed', '/webhooks/textReceived/post/description', 'Signed with Standard Webhooks headers.', INBOUND),
  unjudged('text-received-retried', '/webhooks/textReceived/post/description', 'Any other answer, or none within 5 seconds, is retried with exponential backoff.', INBOUND),
  unjudged('text-received-reply', '/webhooks/textReceived/post/description', 'Answer `200` with `{"reply": "…"}` to send a reply SMS at once', INBOUND),
  unjudged('text-received-200', '/webhooks/textReceived/post/responses/200/description', 'Received; the body may carry a reply.', INBOUND),
  unjudged('text-received-204', '/webhooks/textReceived/post/responses/204/description', 'Received; no reply now.', INBOUND),
  unjudged('text-status', '/webhooks/textStatus/post/summary', 'An SMS changed status', 'text events go to the user-wide texts webhook, which other clients of the user may be using'),
  unjudged('text-status-every', '/webhooks/textStatus/post/description', 'for every status change of an outbound SMS', 'text events go to the user-wide texts webhook, which other clients of the user may be using'),
  unjudged('text-status-204', '/webhooks/textStatus/post/responses/204/description', 'Any 2xx acknowledges the event.', 'text events are not listened for (see text-status)'),
  judged('call-event', '/webhooks/callEvent/post/summary', 'A call changed', 'webhooks'),
  judged('call-event-every', '/webhooks/callEvent/post/description', "Sent to the call's `webhookUrl` for every status change and action result.", 'webhooks'),
  judged('call-event-sequence', '/webhooks/callEvent/post/description', "Events of one call carry the call's increasing `sequence`", 'webhooks'),
  judged('call-event-204', '/webhooks/callEvent/post/responses/204/description', 'Any 2xx acknowledges the event.', 'webhooks'),

  // Tokens.
  judged('token-missing-401', '/components/securitySchemes/bearerAuth/description', 'A missing or unknown token gets `401`', 'auth-unknown-token'),
  judged('token-issued', '/components/securitySchemes/bearerAuth/description', 'A token issued for your application.', 'auth-unknown-token'),
  judged('token-forbidden-403', '/components/securitySchemes/bearerAuth/description', 'a token without the permission the request needs (read-only, suspended account) gets `403`', 'auth-suspended'),
  judged('readonly-reads', '/components/securitySchemes/bearerAuth/description', 'A read-only token may make every read (`GET`) that a full token of its user may, and sees the same data', 'auth-readonly-read'),
  judged('readonly-writes-403', '/components/securitySchemes/bearerAuth/description', 'it gets `403` on every write', 'auth-readonly-write'),
  judged('users-apart', '/components/securitySchemes/bearerAuth/description', "another user's resource is `404` to them, and never appears in what they read", 'auth-cross-user'),

  // Headers.
  judged('limit-header', `${H}/X-RateLimit-Limit/description`, 'Requests allowed in the current window.', 'rate-limit'),
  judged('remaining-at-most-limit', `${H}/X-RateLimit-Remaining/description`, 'at most `X-RateLimit-Limit`', 'rate-limit-meaning'),
  judged('remaining-counts-down', `${H}/X-RateLimit-Remaining/description`, 'each request the window counts leaves one fewer', 'rate-limit-meaning'),
  judged('reset-unix-seconds', `${H}/X-RateLimit-Reset/description`, 'Unix time, in seconds, when the current window ends.', 'rate-limit-meaning'),
  judged('retry-after', `${H}/Retry-After/description`, 'Seconds to wait before the next request.', 'rate-limit'),
  judged('ratelimit-policy', `${H}/RateLimit-Policy/description`, 'its quota `q` (the same number as `X-RateLimit-Limit`)', 'rate-limit-fields'),
  judged('ratelimit-optional', `${H}/RateLimit-Policy/description`, 'a deployment may leave both IETF fields out', 'rate-limit-fields'),
  judged('ratelimit-state', `${H}/RateLimit/description`, '`r` requests remaining (the same number as `X-RateLimit-Remaining`)', 'rate-limit-fields'),
  judged('request-id-unique', `${H}/X-Request-Id/description`, 'The id of this request, unique to it (a retry or an idempotent replay gets its own)', 'request-id'),
  judged('request-id-in-problem', `${H}/X-Request-Id/description`, 'also given in problem documents as `requestId`', 'problem-body'),
  judged('location', `${H}/Location/description`, 'The URL of the created resource.', 'location'),
  judged('www-authenticate', `${H}/WWW-Authenticate/description`, 'The authentication scheme to use.', 'auth-missing-token'),

  // Parameters.
  judged('call-id', `${P}/CallIdParameter/description`, "The call's id.", 'unknown-id'),
  judged('agent-id', `${P}/AgentIdParameter/description`, "The agent's id.", 'unknown-id'),
  judged('text-id', `${P}/TextIdParameter/description`, "The SMS's id.", 'unknown-id'),
  judged('limit', `${P}/Limit/description`, 'Items per page.', 'pagination'),
  judged('cursor', `${P}/Cursor/description`, 'The `nextCursor` of the previous page.', 'pagination'),
  judged('idempotency-replay', `${P}/IdempotencyKey/description`, 'the same key with the same body returns the first response again (with `Idempotent-Replayed: true`)', 'idempotency'),
  unjudged('idempotency-24h', `${P}/IdempotencyKey/description`, 'for 24 hours', 'a run lasts minutes; the suite cannot wait a day'),
  judged('idempotency-409', `${P}/IdempotencyKey/description`, 'the same key with a different body gets `409`', 'idempotency'),
  judged('webhook-id-same-event', `${P}/WebhookId/description`, 'the same on every delivery of the event, retries and duplicates alike', 'webhooks'),
  unjudged('webhook-id-dedupe', `${P}/WebhookId/description`, 'Delivery is at least once, so deduplicate by it.', AT_LEAST_ONCE),
  unjudged('webhooks-at-least-once', '/info/description', 'are delivered **at least once and in no guaranteed order**', AT_LEAST_ONCE),
  judged('webhooks-same-id', '/info/description', 'Every delivery of one event carries the same `webhook-id` header', 'webhooks'),
  unjudged('call-event-at-least-once', '/webhooks/callEvent/post/description', 'Delivered at least once: the same event (same `webhook-id`) may arrive twice', AT_LEAST_ONCE),
  judged('webhook-timestamp', `${P}/WebhookTimestamp/description`, 'Unix seconds (wall clock) when this attempt was signed.', 'webhooks'),
  judged('webhook-signature', `${P}/WebhookSignature/description`, 'Standard Webhooks signature', 'webhooks'),

  // Responses shared by the operations.
  judged('call-ok', `${R}/CallOk/description`, 'The call.', 'lifecycle'),
  judged('agent-ok', `${R}/AgentOk/description`, 'The agent.', 'change-shown'),
  judged('webhook-ok', `${R}/TextWebhookOk/description`, 'The texts webhook and its signing secret.', 'change-shown'),
  judged('bad-request', `${R}/BadRequest/description`, 'The request is invalid; `errors` lists each field that is wrong.', 'negative-body'),
  judged('unauthorized', `${R}/Unauthorized/description`, 'The token is missing, malformed or unknown.', 'auth-malformed-header'),
  judged('forbidden', `${R}/Forbidden/description`, 'The token may not do this (read-only token, suspended account', 'auth-readonly-write'),
  unjudged('forbidden-blocked', `${R}/Forbidden/description`, 'blocked destination', 'the spec names no blocked destination, and the suite dials only --call-to'),
  judged('not-found', `${R}/NotFound/description`, 'No such resource for this user.', 'auth-cross-user'),
  judged('conflict', `${R}/Conflict/description`, "The resource's state does not allow this (for example, the call has ended).", 'lifecycle'),
  judged('too-large', `${R}/PayloadTooLarge/description`, 'The request body is larger than `x-max-body-bytes`.', 'exact-status'),
  judged('unsupported', `${R}/UnsupportedMediaType/description`, 'The request body is not `application/json`', 'exact-status'),
  judged('too-many', `${R}/TooManyRequests/description`, "The user's rate limit is spent; wait `Retry-After` seconds.", 'rate-limit'),
  unjudged('internal', `${R}/InternalError/description`, 'The server failed.', SERVER_FAULT),
  unjudged('unavailable', `${R}/ServiceUnavailable/description`, 'The service is temporarily unavailable; retry with backoff.', SERVER_FAULT),

  // Links.
  judged('link-get-call', `${L}/GetCall/description`, 'Read the call as it moves.', 'lifecycle'),
  judged('link-hang-up', `${L}/HangUpCall/description`, 'End the call.', 'lifecycle'),
  judged('link-respond', `${L}/RespondToCall/description`, 'Make the agent say something.', 'action-outcome'),
  judged('link-audio', `${L}/InjectCallAudio/description`, 'Play audio into the call.', 'action-outcome'),
  judged('link-route', `${L}/RouteCall/description`, 'Transfer the call.', 'action-outcome'),
  judged('link-get-text', `${L}/GetText/description`, 'Read the SMS as its status moves.', 'links'),
  judged('link-get-agent', `${L}/GetAgent/description`, 'Read the agent (and its voice status).', 'links'),
  judged('link-update-agent', `${L}/UpdateAgent/description`, 'Change the agent.', 'links'),
  judged('link-upsert-persona', `${L}/UpsertAgentPersona/description`, 'Give the agent a persona.', 'links'),
  judged('link-get-persona', `${L}/GetAgentPersona/description`, "Read the agent's persona.", 'links'),
  judged('link-call-with-agent', `${L}/CreateCallWithAgent/description`, 'Start a call handled by this agent.', 'links'),

  // Schemas.
  judged('e164', `${S}/E164/description`, 'A phone number in E.164 form.', 'schema'),
  judged('sip', `${S}/SipUri/description`, 'A SIP URI.', 'schema'),
  judged('destination', `${S}/Destination/description`, 'An E.164 number or a `sip:` URI.', 'negative-body'),
  unjudged('timestamp-clock', `${S}/Timestamp/description`, "ISO 8601 time on the service's clock.", "the service's clock may be a test clock; its ISO 8601 form is judged by the schema"),
  judged('webhook-url', `${S}/WebhookUrl/description`, 'An `http` or `https` URL that receives webhooks', 'negative-body'),
  judged('metadata-as-given', `${S}/Metadata/description`, 'Your own key/value pairs, returned as given.', 'change-shown'),
  judged('call-status-order', `${S}/CallStatus/description`, '`queued → ringing → in-progress → completed`', 'lifecycle'),
  judged('call-status-endings', `${S}/CallStatus/description`, '`busy`, `no-answer`, `failed` and `canceled` are the other endings.', 'lifecycle'),
  judged('call-status-final', `${S}/CallStatus/description`, 'The last five never change.', 'lifecycle'),
  judged('audio-bytes', `${S}/AudioPlayback/properties/bytes/description`, 'Size of inline audio after base64 decoding.', 'action-outcome'),
  judged('ended-reason', `${S}/Call/properties/endedReason/description`, 'Why the call ended; `null` until it has ended, never `null` after.', 'derived-fields'),
  judged('duration', `${S}/Call/properties/durationSeconds/description`, 'Seconds from answer to end (`endedAt` − `answeredAt`, rounded to whole seconds); `null` while either is `null`.', 'derived-fields'),
  judged('sequence', `${S}/Call/properties/sequence/description`, 'Increases with every change of the call.', 'lifecycle'),
  judged('answered-at', `${S}/Call/properties/answeredAt/description`, '`null` while it is `queued` or `ringing` and for a call that ended unanswered', 'derived-fields'),
  judged('ended-at', `${S}/Call/properties/endedAt/description`, 'When the call ended; `null` until it has ended, never `null` after.', 'derived-fields'),
  judged('next-cursor', `${S}/CallList/properties/nextCursor/description`, 'Pass as `cursor` for the next page; null on the last page.', 'pagination'),
  unjudged('call-from-default', `${S}/CreateCallRequest/properties/from/description`, "Caller id; defaults to the account's number.", "the account's number is not in the API"),
  judged('max-duration-default', `${S}/CreateCallRequest/properties/maxDurationSeconds/description`, "defaults to the agent's maximum", 'derived-fields'),
  unjudged('max-duration-ends', `${S}/CreateCallRequest/properties/maxDurationSeconds/description`, 'Ends the call after this long in progress', 'the shortest maximum is 10 s in progress: a call the suite keeps that long costs minutes on a real clock'),
  judged('respond-text', `${S}/RespondRequest/properties/text/description`, 'What the agent says now.', 'action-outcome'),
  judged('inline-audio-cap', `${S}/InjectAudioRequest/description`, 'at most 1 MiB decoded', 'negative-body'),
  unjudged('route-announce', `${S}/RouteRequest/properties/announce/description`, 'What the agent says before transferring.', AI),
  judged('text-status-order', `${S}/TextStatus/description`, 'Outbound `queued → sent → delivered` or `failed`', 'change-shown'),
  unjudged('text-from-default', `${S}/SendTextRequest/properties/from/description`, "Sender; defaults to the account's number.", "the account's number is not in the API"),
  judged('secret', `${S}/TextWebhook/properties/secret/description`, 'The Standard Webhooks signing secret.', 'webhooks'),
  judged('voice-samples', `${S}/VoiceInput/description`, 'A stock voice, or a voice cloned from 1–5 audio samples.', 'negative-body'),
  judged('language', `${S}/Language/description`, 'BCP 47 language tag.', 'schema'),
  unjudged('max-call-duration', `${S}/MaxCallDuration/description`, 'The longest a call may run in progress, in seconds.', 'the shortest maximum is 10 s in progress: a call the suite keeps that long costs minutes on a real clock'),
  unjudged('persona-instructions', `${S}/PersonaRequest/properties/instructions/description`, 'How the agent behaves and what it knows.', AI),
  judged('field-error-path', `${S}/FieldError/properties/path/description`, 'JSON Pointer into the request', 'schema'),
  judged('problem', `${S}/Problem/description`, 'An RFC 9457 problem document.', 'problem-body'),
  judged('problem-code', `${S}/Problem/properties/code/description`, 'Stable machine-readable error code.', 'problem-body'),
  judged('problem-errors', `${S}/Problem/properties/errors/description`, 'The fields of a 400 that are wrong', 'schema'),
  judged('errors-omitted', `${S}/Problem/properties/errorsOmitted/description`, 'How many more fields were wrong than `errors` lists', 'schema'),
  judged('call-event-order', `${S}/CallEvent/description`, "`data.sequence` orders a call's events", 'webhooks'),
  unjudged('sms-reply', `${S}/TextWebhookReply/properties/reply/description`, 'Sent back to the sender as an SMS.', INBOUND),
];

/** Every promise of a spec: the words above and, for each documented status, its own. */
export const promisesOf = (document: Parameters<typeof statusPromises>[0]): SpecPromise[] => [
  ...PROMISES,
  ...statusPromises(document),
];
