import { type HttpHandler, HttpResponse, http } from 'msw';
import { type CoreOptions, createCore, type MockSpecs } from '../../core.js';
import { DEFAULT_BASE_URL } from '../../defaults.js';
import type { Telephony } from '../../domain/telephony.js';
import type { Text } from '../../domain/types.js';
import { inProcessDriver } from '../../driver/in-process-driver.js';
import type { MockDriver, Population, Scenario } from '../../driver/mock-driver.js';
import type { ApiRequest } from '../../pipeline/types.js';

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

/** MSW handlers over the mock, and the test driver to steer it from the test without HTTP. */
export interface TelemockMsw extends MockDriver {
  handlers: HttpHandler[];
  /** The domain itself: `telephony.calls.get(userId, id)` and the rest. */
  telephony: Telephony;
  /** Moves the mock's clock forward at once, synchronously (`await clock.advance(s)` is the driver's way). */
  advance(seconds: number): void;
  /** An SMS arrives for the user whose token is given; the driver's `texts.inbound(sms, { token })`. */
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
  const driver = inProcessDriver(core);

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
    ...driver,
    advance: (seconds) => core.telephony.clock.advance(seconds * 1000),
    receiveText: (token, sms) => driver.texts.inbound(sms, { token }),
  };
}
