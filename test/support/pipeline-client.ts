import { expect } from 'vitest';
import { type CoreOptions, createCore } from '../../mock/core.js';
import { loadMockSpecs } from '../../mock/files/spec-files.js';
import type { Pipeline } from '../../mock/pipeline/pipeline.js';
import type { SpecValidators } from '../../spec/validators.js';
import { expectSpecConformance, type Sent } from './mock-api.js';

export const T0 = Date.parse('2026-01-01T00:00:00.000Z');

export interface PipelineRequestOptions {
  /** Bearer token; `null` sends no Authorization header. Default: demo-token. */
  token?: string | null;
  body?: unknown;
  /** Sent as is (malformed bodies); wins over `body`. */
  rawBody?: string | Uint8Array;
  /** The query string, without `?`. */
  search?: string;
  headers?: Record<string, string>;
  bodyTooLarge?: boolean;
}

/** What the pipeline answered, checked against the spec, and whether it asked to drop the connection. */
export interface PipelineSent extends Sent {
  dropConnection: boolean;
}

/** The spec validators a response is checked with: the API's and the admin API's. */
export interface Validators {
  api: SpecValidators;
  admin: SpecValidators;
}

/**
 * Sends requests straight to a pipeline and checks every answer against the specs, exactly as the
 * HTTP tests' client checks what comes over the wire (and that a problem explains itself).
 */
export function checkedSender(pipeline: Pipeline, validators: Validators) {
  async function send(
    method: string,
    path: string,
    request: PipelineRequestOptions = {},
  ): Promise<PipelineSent> {
    const headers: Record<string, string> = {};
    for (const [name, value] of Object.entries(request.headers ?? {})) headers[name.toLowerCase()] = value;
    const token = request.token === undefined ? 'demo-token' : request.token;
    if (token !== null) headers.authorization ??= `Bearer ${token}`;
    let body: Uint8Array | undefined;
    if (request.rawBody !== undefined) {
      body =
        typeof request.rawBody === 'string' ? new TextEncoder().encode(request.rawBody) : request.rawBody;
    } else if (request.body !== undefined) {
      body = new TextEncoder().encode(JSON.stringify(request.body));
      headers['content-type'] ??= 'application/json';
    }
    const response = await pipeline({
      method,
      path,
      search: request.search ?? '',
      headers,
      body,
      ...(request.bodyTooLarge ? { bodyTooLarge: true } : {}),
    });
    const lower = Object.fromEntries(Object.entries(response.headers).map(([k, v]) => [k.toLowerCase(), v]));
    const sent: PipelineSent = {
      status: response.status,
      headers: lower,
      body: response.body === undefined ? undefined : JSON.parse(response.body),
      operationId: undefined,
      dropConnection: response.dropConnection === true,
    };
    const target = request.search ? `${path}?${request.search}` : path;
    // A dropped connection has no answer to check; a CORS preflight is no operation of either spec.
    if (!sent.dropConnection && method !== 'OPTIONS')
      sent.operationId = expectSpecConformance(validators, method, target, sent);
    // RFC 9457 and docs/behaviour.md (errors): a problem always tells a human what went wrong, under a
    // title of its type.
    if (lower['content-type'] === 'application/problem+json') {
      expect(sent.body.title, 'problem title').not.toBe('');
      expect(sent.body.detail, 'problem detail').not.toBe('');
      for (const e of sent.body.errors ?? []) expect(e.message, `field error at ${e.path}`).not.toBe('');
    }
    return sent;
  }
  return send;
}

/**
 * The pipeline with no transport around it (what Express and MSW both call), for the unit tests
 * beside mock/api: a request in, the response checked against openapi.yaml (or the admin spec).
 * Manual clock, seed 1, no logger.
 */
export async function pipelineClient(options: Omit<CoreOptions, 'specs'> = {}) {
  const specs = await loadMockSpecs();
  const core = createCore({ timeScale: 'manual', seed: 1, startTime: T0, logger: false, ...options, specs });
  // The same spec checks as the HTTP tests' client, over the specs already loaded.
  const send = checkedSender(core.pipeline, { api: core.validators, admin: core.adminValidators });

  return {
    core,
    telephony: core.telephony,
    send,
    get: (path: string, o?: PipelineRequestOptions) => send('GET', path, o),
    post: (path: string, body?: unknown, o?: PipelineRequestOptions) => send('POST', path, { ...o, body }),
    put: (path: string, body?: unknown, o?: PipelineRequestOptions) => send('PUT', path, { ...o, body }),
  };
}

export type PipelineClient = Awaited<ReturnType<typeof pipelineClient>>;
