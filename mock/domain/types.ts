import type {
  components as AdminComponents,
  operations as AdminOperations,
} from '../../spec/generated/admin-api.js';
import type { components } from '../../spec/generated/api.js';

// The domain stores resources in exactly the shapes openapi.yaml gives them. The fields the
// spec marks readOnly are read-only to clients, not to the domain that owns them.
type Schemas = components['schemas'];
type Owned<T> = { -readonly [K in keyof T]: T[K] };
export type Call = Owned<Schemas['Call']>;
export type CallStatus = Schemas['CallStatus'];
export type CallEventType = Schemas['CallEventType'];
export type CreateCallRequest = Schemas['CreateCallRequest'];
export type InjectAudioRequest = Schemas['InjectAudioRequest'];
export type RouteRequest = Schemas['RouteRequest'];
export type Agent = Owned<Schemas['Agent']> & { voice: Owned<Schemas['Voice']> };
export type CreateAgentRequest = Schemas['CreateAgentRequest'];
export type UpdateAgentRequest = Schemas['UpdateAgentRequest'];
export type VoiceInput = Schemas['VoiceInput'];
export type Persona = Schemas['Persona'];
export type PersonaRequest = Schemas['PersonaRequest'];
export type Text = Schemas['Text'];
export type TextStatus = Schemas['TextStatus'];
export type SendTextRequest = Schemas['SendTextRequest'];
export type TextWebhook = Schemas['TextWebhook'];
export type TextEventType = 'text.received' | Schemas['TextStatusEvent']['type'];

/** The whole state as JSON (mock/admin-openapi.yaml): what `GET /__mock/state` exports and `PUT` imports. */
export type StateSnapshot = AdminComponents['schemas']['StateSnapshot'];
/** An SMS that arrives for a user (`POST /__mock/texts/inbound`). */
export type InboundText = AdminOperations['receiveInboundText']['requestBody']['content']['application/json'];

/** A page of a list and the cursor of the next one. */
export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

/** A page that also says how many items the whole list has (the inspector's lists). */
export interface CountedPage<T> extends Page<T> {
  total: number;
}

export interface PageRequest {
  limit?: number;
  cursor?: string;
}
