import { describe, expect, it } from 'vitest';
import { loadSpec, type SpecOperation } from './spec.js';
import { SpecValidators } from './validators.js';

const spec = await loadSpec();
const validators = new SpecValidators(spec);
const example = (name: string) => spec.document.components.examples?.[name]?.value as Record<string, unknown>;

// [schema, { valid, invalid }]: `valid` may be 'example' (the schema's own example) or a components example name.
const cases: Array<[string, { valid: unknown; invalid: unknown }]> = [
  ['E164', { valid: 'example', invalid: '4155550123' }],
  ['SipUri', { valid: 'example', invalid: 'sip:no-host' }],
  ['Destination', { valid: 'sip:desk@pbx.example.com', invalid: 'tel:+14155550123' }],
  ['CallId', { valid: 'example', invalid: 'call_short' }],
  ['AgentId', { valid: 'example', invalid: 'call_9Xk2LmQ7vB3nR8tP' }],
  ['PersonaId', { valid: 'example', invalid: 'prs_!!!!!!!!!!!!!!!!' }],
  ['VoiceId', { valid: 'voc_stock_aria', invalid: 'voice_1' }],
  ['TextId', { valid: 'example', invalid: 'txt_' }],
  ['EventId', { valid: 'example', invalid: 42 }],
  ['RequestId', { valid: 'example', invalid: 'req-3Fk9QpL2mN7xW4rT' }],
  ['Timestamp', { valid: 'example', invalid: 'yesterday' }],
  ['WebhookUrl', { valid: 'example', invalid: 'ftp://files.example.com/hook' }],
  ['Metadata', { valid: 'example', invalid: { orderId: 8842 } }],
  ['CallStatus', { valid: 'example', invalid: 'exploded' }],
  ['CallEndedReason', { valid: 'example', invalid: 'hung-up' }],
  [
    'TranscriptEntry',
    { valid: 'example', invalid: { speaker: 'robot', text: 'hi', at: '2026-01-01T00:00:00Z' } },
  ],
  [
    'AudioPlayback',
    { valid: 'example', invalid: { source: 'url', format: 'flac', at: '2026-01-01T00:00:00Z' } },
  ],
  [
    'RouteAttempt',
    { valid: 'example', invalid: { to: '+14155550188', status: 'ringing', at: '2026-01-01T00:00:00Z' } },
  ],
  ['Call', { valid: 'InProgressCall', invalid: { id: 12345, status: 'exploded' } }],
  ['CallList', { valid: 'QueuedCallPage', invalid: { data: [{}], nextCursor: null } }],
  [
    'CreateCallRequest',
    { valid: { to: '+14155550123', agentId: 'agt_7Hq2LmP9xK3vB8nR' }, invalid: { to: '+14155550123' } },
  ],
  ['RespondRequest', { valid: { text: 'Hello' }, invalid: { text: '' } }],
  ['AudioFormat', { valid: 'example', invalid: 'aac' }],
  [
    'InjectAudioRequest',
    { valid: { url: 'https://cdn.example.com/a.mp3' }, invalid: { url: 'http://cdn.example.com/a.mp3' } },
  ],
  ['RouteRequest', { valid: { to: 'sip:desk@pbx.example.com' }, invalid: { to: '+1', announce: '' } }],
  ['TextDirection', { valid: 'example', invalid: 'sideways' }],
  ['TextStatus', { valid: 'example', invalid: 'read' }],
  ['Text', { valid: 'OutboundText', invalid: { id: 'txt_4Rt8YpW2kL9mQ3vZ', direction: 'outbound' } }],
  ['TextList', { valid: 'OutboundTextPage', invalid: { data: 'none', nextCursor: null } }],
  [
    'SendTextRequest',
    { valid: { to: '+14155550123', body: 'Hi' }, invalid: { to: '+14155550123', body: 'x'.repeat(1601) } },
  ],
  [
    'SetTextWebhookRequest',
    { valid: { url: 'http://127.0.0.1:3000/sms' }, invalid: { url: 'javascript:alert(1)' } },
  ],
  [
    'TextWebhook',
    {
      valid: {
        url: 'https://app.example.com/sms',
        secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
        updatedAt: '2026-01-01T00:00:00Z',
      },
      invalid: { url: 'https://app.example.com/sms', secret: 'password', updatedAt: '2026-01-01T00:00:00Z' },
    },
  ],
  ['StockVoice', { valid: 'example', invalid: 'hal9000' }],
  ['VoiceInput', { valid: 'example', invalid: { type: 'clone', sampleUrls: [] } }],
  [
    'Voice',
    {
      valid: example('Agent')?.voice,
      invalid: { id: 'voc_stock_aria', type: 'stock', status: 'warming' },
    },
  ],
  ['AgentName', { valid: 'example', invalid: '' }],
  ['Language', { valid: 'example', invalid: 'english' }],
  ['Greeting', { valid: 'example', invalid: 'x'.repeat(501) }],
  ['MaxCallDuration', { valid: 'example', invalid: 5 }],
  ['Agent', { valid: 'Agent', invalid: { id: 'agt_7Hq2LmP9xK3vB8nR', name: 'No voice' } }],
  ['AgentList', { valid: 'AgentPage', invalid: { data: [] } }],
  ['CreateAgentRequest', { valid: { name: 'Desk' }, invalid: { name: 'Desk', mood: 'grumpy' } }],
  ['UpdateAgentRequest', { valid: { greeting: 'Hi there' }, invalid: {} }],
  ['PersonaTone', { valid: 'example', invalid: 'sarcastic' }],
  ['PersonaRequest', { valid: 'PersonaRequest', invalid: { name: 'Maya' } }],
  ['Persona', { valid: 'Persona', invalid: { id: 'prs_6Tn3KpQ8wL2mX9vB' } }],
  ['FieldError', { valid: { path: '/body/to', message: 'is required' }, invalid: { path: '/body/to' } }],
  [
    'Problem',
    {
      valid: {
        type: 'https://telemock.dev/problems/x',
        title: 'X',
        status: 400,
        detail: 'd',
        code: 'x',
        requestId: 'req_3Fk9QpL2mN7xW4rT',
      },
      invalid: { type: 'about:blank', title: 'X', status: 200, detail: 'd', code: 'X-Y', requestId: 'r' },
    },
  ],
  ['CallEventType', { valid: 'example', invalid: 'call.exploded' }],
  [
    'CallEvent',
    { valid: 'callEvent', invalid: { type: 'call.answered', timestamp: '2026-01-01T00:00:00Z', data: {} } },
  ],
  [
    'TextReceivedEvent',
    {
      valid: 'textReceivedEvent',
      invalid: { type: 'text.sent', timestamp: '2026-01-01T00:00:00Z', data: {} },
    },
  ],
  [
    'TextStatusEvent',
    { valid: 'textStatusEvent', invalid: { type: 'text.received', timestamp: '2026-01-01T00:00:00Z' } },
  ],
  ['TextWebhookReply', { valid: { reply: 'Thanks!' }, invalid: { reply: '' } }],
];

function resolveValid(name: string, valid: unknown): unknown {
  if (valid === 'example') return spec.document.components.schemas[name]?.example;
  const at = '2026-01-01T00:00:05.000Z';
  if (valid === 'callEvent') return { type: 'call.answered', timestamp: at, data: example('InProgressCall') };
  if (valid === 'textReceivedEvent')
    return {
      type: 'text.received',
      timestamp: at,
      data: { ...example('OutboundText'), direction: 'inbound', status: 'received' },
    };
  if (valid === 'textStatusEvent')
    return { type: 'text.delivered', timestamp: at, data: example('OutboundText') };
  if (typeof valid === 'string' && spec.document.components.examples?.[valid]) return example(valid);
  return valid;
}

describe('schemas of openapi.yaml', () => {
  it('every schema has a case in the table', () => {
    expect(cases.map(([name]) => name).sort()).toEqual(Object.keys(spec.document.components.schemas).sort());
  });

  for (const [name, { valid, invalid }] of cases) {
    it(`${name}: the valid example passes and the invalid one fails`, () => {
      const value = resolveValid(name, valid);
      expect(value, `no valid example for ${name}`).toBeDefined();
      expect(validators.validateSchema(name, value)).toEqual([]);
      expect(validators.validateSchema(name, invalid).length).toBeGreaterThan(0);
    });
  }
});

describe('request validation', () => {
  const agentId = 'agt_7Hq2LmP9xK3vB8nR';
  const table: Array<
    [string, { op: string; given: Parameters<SpecValidators['validateRequest']>[1]; want: string[] }]
  > = [
    ['a minimal call', { op: 'createCall', given: { body: { to: '+14155550123', agentId } }, want: [] }],
    ['a missing body', { op: 'createCall', given: {}, want: ['/body'] }],
    [
      'an unknown field',
      { op: 'createCall', given: { body: { to: '+14155550123', agentId, x: 1 } }, want: ['/body/x'] },
    ],
    ['a missing field', { op: 'createCall', given: { body: { agentId } }, want: ['/body/to'] }],
    ['a bad path id', { op: 'getCall', given: { path: { callId: 'nope' } }, want: ['/path/callId'] }],
    ['a limit out of range', { op: 'listCalls', given: { query: { limit: '500' } }, want: ['/query/limit'] }],
    [
      'an unknown query parameter',
      { op: 'listCalls', given: { query: { colour: 'red' } }, want: ['/query/colour'] },
    ],
    [
      'a bad status filter',
      { op: 'listCalls', given: { query: { status: 'exploded' } }, want: ['/query/status'] },
    ],
    [
      'a long Idempotency-Key',
      {
        op: 'createAgent',
        given: { headers: { 'Idempotency-Key': 'k'.repeat(300) }, body: { name: 'A' } },
        want: ['/header/idempotency-key'],
      },
    ],
    [
      'inline audio without format',
      {
        op: 'injectCallAudio',
        given: { path: { callId: 'call_9Xk2LmQ7vB3nR8tP' }, body: { content: 'AAAA' } },
        want: ['/body/format'],
      },
    ],
  ];
  for (const [name, { op, given, want }] of table) {
    it(name, () => {
      const check = validators.validateRequest(op, given);
      const paths = check.ok ? [] : check.errors.map((e) => e.path);
      for (const path of want) expect(paths).toContain(path);
      if (want.length === 0) expect(check.ok).toBe(true);
    });
  }

  it('applies the URL rule where the spec says x-http-url, naming the part that failed, once', () => {
    const cases: Array<[string, string[]]> = [
      ['https://app.example.com/hooks', []],
      [
        'https://user:pass@app.example.com/hooks',
        ['/body/url must not carry a user name or password (x-http-url)'],
      ],
      ['https://999.999.999.999/', ['/body/url is not a URL a WHATWG parser accepts (x-http-url)']],
    ];
    for (const [url, want] of cases) {
      const check = validators.validateRequest('setTextWebhook', { body: { url } });
      expect(check.ok ? [] : check.errors.map((e) => `${e.path} ${e.message}`), url).toEqual(want);
    }
  });

  it('coerces query strings to the documented types', () => {
    const check = validators.validateRequest('listCalls', { query: { limit: '5' } });
    expect(check.ok && check.query.limit).toBe(5);
  });
});

describe('response validation', () => {
  const headers = {
    'x-ratelimit-limit': '100',
    'x-ratelimit-remaining': '99',
    'x-ratelimit-reset': '1767225660',
    'x-request-id': 'req_3Fk9QpL2mN7xW4rT',
  };
  it('accepts a documented response', () => {
    const body = example('InProgressCall');
    expect(
      validators.validateResponse('getCall', {
        status: 200,
        headers,
        contentType: 'application/json; charset=utf-8',
        body,
      }),
    ).toEqual([]);
  });
  it.each([
    ['an undocumented status', { status: 418 }, '/status'],
    [
      'a missing rate-limit header',
      { headers: { ...headers, 'x-ratelimit-limit': undefined } },
      '/header/X-RateLimit-Limit',
    ],
    [
      'a non-integer header',
      { headers: { ...headers, 'x-ratelimit-remaining': 'lots' } },
      '/header/X-RateLimit-Remaining',
    ],
    ['a wrong content type', { contentType: 'text/html' }, '/header/content-type'],
    ['a wrong field type', { body: { ...example('InProgressCall'), sequence: 'three' } }, '/body/sequence'],
  ])('reports %s', (_name, change, path) => {
    const response = {
      status: 200,
      headers,
      contentType: 'application/json',
      body: example('InProgressCall'),
      ...change,
    };
    expect(validators.validateResponse('getCall', response).map((e) => e.path)).toContain(path);
  });
});

describe('warmUp', () => {
  const requests: Array<[string, Parameters<SpecValidators['validateRequest']>[1]]> = [
    ['createCall', { body: { to: '+14155550123', agentId: 'agt_7Hq2LmP9xK3vB8nR', x: 1 } }],
    ['getCall', { path: { callId: 'nope' } }],
    ['getAgent', { path: { agentId: 'agt_7Hq2LmP9xK3vB8nR' } }],
    ['listCalls', { query: { limit: '5', status: 'exploded' } }],
    ['listTexts', { query: { limit: '500' } }],
    ['createAgent', { headers: { 'Idempotency-Key': 'k'.repeat(300) }, body: { name: 'A' } }],
  ];

  it('compiles every operation up front, and requests check the same as on a cold instance', () => {
    const warm = new SpecValidators(spec);
    warm.warmUp();
    const cold = new SpecValidators(spec);
    for (const [op, given] of requests)
      expect(warm.validateRequest(op, structuredClone(given)), op).toEqual(
        cold.validateRequest(op, structuredClone(given)),
      );
  });

  it('names an unknown operation at once', () => {
    expect(() => new SpecValidators(spec).warmUp(['createCall', 'nope'])).toThrow(
      'No operation nope in the spec',
    );
  });

  it('refuses a schema that is not valid JSON Schema, as Ajv does', () => {
    const bad: SpecOperation = {
      operationId: 'bad',
      method: 'POST',
      path: '/bad',
      parameters: [],
      requestBody: { content: { 'application/json': { schema: { type: 'string', minLength: 'x' } } } },
      responses: {},
    };
    const broken = new SpecValidators({ ...spec, operations: new Map([['bad', bad]]) });
    expect(() => broken.warmUp()).toThrow(/schema is invalid/);
  });
});
