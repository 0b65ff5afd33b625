import { expect } from 'vitest';
import { ADMIN_SPEC_PATH, type MockOptions, type RunningMock, startMock } from '../../exports/server.js';
import { httpCall } from '../../mock/driver/http-call.js';
import { createDriver } from '../../mock/driver/mock-driver.js';
import { loadSpec, type Spec } from '../../spec/spec.js';
import { SpecValidators } from '../../spec/validators.js';
import { specMismatches } from './spec-mismatches.js';

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

  constructor(mock: RunningMock, validators: { api: SpecValidators; admin: SpecValidators }) {
    this.mock = mock;
    this.#validators = validators;
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
    sent.operationId = expectSpecConformance(this.#validators, method, path, sent);
  }

  get = (path: string, options?: RequestOptions) => this.request('GET', path, options);
  post = (path: string, body?: unknown, options?: RequestOptions) =>
    this.request('POST', path, { ...options, body });
  put = (path: string, body?: unknown, options?: RequestOptions) =>
    this.request('PUT', path, { ...options, body });

  /**
   * GETs one of the documents the mock serves beside the API (the specs, /docs): no operation in
   * either spec, so the answer comes back as text for the test to judge.
   */
  async document(path: string): Promise<{ status: number; headers: Record<string, string>; text: string }> {
    const response = await fetch(`${this.mock.url}${path}`);
    return {
      status: response.status,
      headers: Object.fromEntries(response.headers.entries()),
      text: await response.text(),
    };
  }

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

/** The checked client over a mock started some other way (the MSW handlers, a child process). */
export async function testMockOver(mock: RunningMock): Promise<MockApi> {
  return new MockApi(mock, await loadValidators());
}

/**
 * The checked client for a mock that runs elsewhere (a child process started by the CLI): the same
 * spec checks on every response, but no domain to steer from code.
 */
export async function connectTestMock(url: string): Promise<MockApi> {
  const remote: RunningMock = {
    url,
    port: Number(new URL(url).port),
    adminToken: undefined,
    get telephony(): never {
      throw new Error(`the mock at ${url} runs in another process; steer it over HTTP`);
    },
    ...createDriver(httpCall(url)),
    close: async () => {},
  };
  return testMockOver(remote);
}

/**
 * Fails the test unless a response matches the spec for its operation and status (see
 * specMismatches). Returns the operationId the request was routed to.
 */
export function expectSpecConformance(
  validators: { api: SpecValidators; admin: SpecValidators },
  method: string,
  path: string,
  sent: Pick<Sent, 'status' | 'headers' | 'body'>,
): string | undefined {
  const { errors, operationId } = specMismatches(validators, method, path, sent);
  expect(errors, `${method} ${path} → ${sent.status} does not match the spec`).toEqual([]);
  return operationId;
}

/** The validators of both specs, loaded once per test file. */
export const specValidators = loadValidators;
