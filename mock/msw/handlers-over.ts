import { type HttpHandler, HttpResponse, http } from 'msw';
import { type AdminControls, adminControls, type Population, type Scenario } from '../admin-controls.js';
import type { ApiRequest } from '../api/types.js';
import { type CoreOptions, createCore, type MockSpecs } from '../core.js';
import { DEFAULT_BASE_URL } from '../defaults.js';
import type { Telephony } from '../domain/telephony.js';
import type { Text } from '../domain/types.js';

/** Options of `createHandlers`: the mock's own (seed, users, clock…) and where it answers. */
export interface MswOptions
  extends Omit<
    CoreOptions,
    'specs' | 'logger' | 'webhookTargets' | 'hostPolicy' | 'scenarios' | 'populations'
  > {
  /** Scenarios to define at start (checked against the admin spec; a bad one throws). */
  scenarios?: readonly Scenario[];
  /** Populations to define at start, after the scenarios (checked the same way). */
  populations?: readonly Population[];
  /** The base URL your code calls; requests under it are answered by the mock. Default http://127.0.0.1:4010. */
  baseUrl?: string;
  /**
   * Already-parsed openapi.yaml and mock/admin-openapi.yaml, for where files cannot be read;
   * by default they come from the package.
   */
  documents?: { api: object; admin: object };
}

/** MSW handlers over the mock, and a handle to steer it from the test without HTTP. */
export interface TelemockMsw extends AdminControls {
  handlers: HttpHandler[];
  /** The domain itself: `telephony.calls.get(userId, id)` and the rest. */
  telephony: Telephony;
  /** Moves the mock's clock forward (the default clock is manual under MSW). */
  advance(seconds: number): void;
  /** Forgets all data, as `POST /__mock/reset` does. */
  reset(): Promise<void>;
  /** An SMS arrives for the user whose token is given, as `POST /__mock/texts/inbound` does. */
  receiveText(token: string, sms: { from: string; to?: string; body: string }): Promise<Text>;
}

function toApiRequest(
  request: Request,
  body: Uint8Array | undefined,
  maxBodyBytes: number,
  basePath: string,
): ApiRequest {
  const url = new URL(request.url);
  const headers: Record<string, string> = {};
  request.headers.forEach((value, name) => {
    headers[name] = value;
  });
  const tooLarge = body !== undefined && body.length > maxBodyBytes;
  return {
    method: request.method,
    // The API's paths start after the base URL's own path (https://host/v1 → /calls).
    path: url.pathname.slice(basePath.length) || '/',
    search: url.search.slice(1),
    headers,
    body: tooLarge ? undefined : body,
    ...(tooLarge ? { bodyTooLarge: true } : {}),
  };
}

/** The handlers over loaded specs; `createHandlers` (Node) and the browser entry differ only in how they get the specs. */
export function handlersOver(specs: MockSpecs, options: MswOptions = {}): TelemockMsw {
  const baseUrl = (options.baseUrl ?? DEFAULT_BASE_URL).replace(/\/$/, '');
  const basePath = new URL(baseUrl).pathname.replace(/\/$/, '');
  const { documents: _, ...coreOptions } = options;
  const core = createCore({ timeScale: 'manual', ...coreOptions, specs });
  const maxBodyBytes = core.spec.maxBodyBytes;
  const admin = (method: string, path: string, token?: string, body?: unknown) =>
    core.pipeline({
      method,
      path,
      search: '',
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? new TextEncoder().encode(JSON.stringify(body)) : undefined,
    });

  // A RegExp, not `${baseUrl}/*`: MSW decodes a wildcard's match, and a malformed escape in the
  // path (`/calls/call_%E0%A4%A`) would throw there instead of reaching the pipeline's 400.
  const under = new RegExp(`^${baseUrl.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/`);
  const handler = http.all(under, async ({ request }) => {
    const hasBody = request.method !== 'GET' && request.method !== 'HEAD';
    const body = hasBody ? new Uint8Array(await request.arrayBuffer()) : undefined;
    const response = await core.pipeline(toApiRequest(request, body, maxBodyBytes, basePath));
    if (response.dropConnection) return HttpResponse.error();
    return new HttpResponse(response.body ?? null, { status: response.status, headers: response.headers });
  });

  return {
    handlers: [handler],
    telephony: core.telephony,
    ...adminControls(core.pipeline, options.adminToken),
    advance: (seconds) => core.telephony.clock.advance(seconds * 1000),
    reset: async () => {
      await admin('POST', '/__mock/reset');
    },
    receiveText: async (token, sms) => {
      const response = await admin('POST', '/__mock/texts/inbound', token, sms);
      if (response.status !== 201) throw new Error(`receiveText failed: ${response.status} ${response.body}`);
      return JSON.parse(response.body as string) as Text;
    },
  };
}
