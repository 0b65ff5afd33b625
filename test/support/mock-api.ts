import { expect } from 'vitest';
import { Router } from '../../mock/api/router.js';
import { ADMIN_SPEC_PATH, type MockOptions, type RunningMock, startMock } from '../../mock/server.js';
import { loadSpec, type Spec } from '../../src/spec.js';
import { SpecValidators } from '../../src/validators.js';

export interface Sent {
  status: number;
  headers: Record<string, string>;
  // biome-ignore lint/suspicious/noExplicitAny: tests read whatever the mock answered; the spec check has already vouched for its shape.
  body: any;
  operationId: string | undefined;
}

export interface RequestOptions {
  /** Bearer token; `null` sends no Authorization header. Default: demo-token. */
  token?: string | null;
  body?: unknown;
  /** Sent as is (for malformed bodies); wins over `body`. */
  rawBody?: string | Uint8Array;
  headers?: Record<string, string>;
}

let specs: Promise<{ api: SpecValidators; admin: SpecValidators; apiSpec: Spec }> | undefined;
function loadValidators() {
  specs ??= (async () => {
    const [apiSpec, adminSpec] = await Promise.all([loadSpec(), loadSpec(ADMIN_SPEC_PATH)]);
    return { api: new SpecValidators(apiSpec), admin: new SpecValidators(adminSpec), apiSpec };
  })();
  return specs;
}

/**
 * The one way HTTP tests talk to the mock: real fetch to a real server, and every response checked
 * against openapi.yaml (or the admin spec) for its operation and status. A mismatch fails the test.
 */
export class MockApi {
  readonly mock: RunningMock;
  readonly #validators: { api: SpecValidators; admin: SpecValidators };
  readonly #router: Router;
  readonly #adminRouter: Router;

  constructor(mock: RunningMock, validators: { api: SpecValidators; admin: SpecValidators }) {
    this.mock = mock;
    this.#validators = validators;
    this.#router = new Router(validators.api.spec.operations.values());
    this.#adminRouter = new Router(validators.admin.spec.operations.values());
  }

  get telephony() {
    return this.mock.telephony;
  }

  async request(method: string, path: string, options: RequestOptions = {}): Promise<Sent> {
    const headers: Record<string, string> = { ...options.headers };
    const token = options.token === undefined ? 'demo-token' : options.token;
    if (token !== null) headers.Authorization ??= `Bearer ${token}`;
    let body: string | Uint8Array | undefined = options.rawBody;
    if (body === undefined && options.body !== undefined) {
      body = JSON.stringify(options.body);
      headers['Content-Type'] ??= 'application/json';
    }
    const response = await fetch(`${this.mock.url}${path}`, {
      method,
      headers,
      body: body as BodyInit | undefined,
    });
    const text = await response.text();
    const sent: Sent = {
      status: response.status,
      headers: Object.fromEntries(response.headers.entries()),
      body: text === '' ? undefined : JSON.parse(text),
      operationId: undefined,
    };
    this.#check(method, path, sent);
    return sent;
  }

  #check(method: string, path: string, sent: Sent): void {
    const bare = path.split('?')[0] as string;
    const admin = bare.startsWith('/__mock/');
    const validators = admin ? this.#validators.admin : this.#validators.api;
    const match = (admin ? this.#adminRouter : this.#router).match(method, bare);
    let errors: unknown[];
    if (match.kind === 'operation') {
      sent.operationId = match.operationId;
      errors = validators.validateResponse(match.operationId, {
        status: sent.status,
        headers: sent.headers,
        contentType: sent.headers['content-type'],
        body: sent.body,
      });
    } else {
      // No operation (unknown route, wrong method): the answer must still be a proper problem.
      errors = this.#validators.api.validateSchema('Problem', sent.body);
      if (sent.headers['content-type'] !== 'application/problem+json')
        errors.push({ path: '/header/content-type' });
    }
    expect(errors, `${method} ${path} → ${sent.status} does not match the spec`).toEqual([]);
  }

  get = (path: string, options?: RequestOptions) => this.request('GET', path, options);
  post = (path: string, body?: unknown, options?: RequestOptions) =>
    this.request('POST', path, { ...options, body });
  put = (path: string, body?: unknown, options?: RequestOptions) =>
    this.request('PUT', path, { ...options, body });

  /** Advances the mock's clock through the admin API. */
  advance = (seconds: number) => this.post('/__mock/clock/advance', { seconds });

  /** Creates an agent and returns its id. */
  async agent(token = 'demo-token'): Promise<string> {
    const sent = await this.post('/agents', { name: 'Front desk' }, { token });
    expect(sent.status).toBe(201);
    return sent.body.id;
  }

  /** Creates a call to `to` and returns it. */
  async call(to = '+14155550123', agentId?: string, token = 'demo-token') {
    const sent = await this.post('/calls', { to, agentId: agentId ?? (await this.agent(token)) }, { token });
    expect(sent.status, JSON.stringify(sent.body)).toBe(201);
    return sent.body;
  }
}

/** Starts a mock on a free port (manual clock by default) and the checked client for it. */
export async function startTestMock(options: MockOptions = {}): Promise<MockApi> {
  const [mock, validators] = await Promise.all([
    startMock({ port: 0, timeScale: 'manual', seed: 7, ...options }),
    loadValidators(),
  ]);
  return new MockApi(mock, validators);
}
