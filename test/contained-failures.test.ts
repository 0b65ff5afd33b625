import { describe, expect, it } from 'vitest';
import { ADMIN_SPEC_PATH } from '../exports/server.js';
import { Telephony } from '../mock/domain/telephony.js';
import { telephonyOperations } from '../mock/operations/telephony-operations.js';
import { createPipeline } from '../mock/pipeline/pipeline.js';
import type { AdminHandlers } from '../mock/pipeline/types.js';
import { FaultBoard } from '../mock/stores/faults.js';
import { IdempotencyStore } from '../mock/stores/idempotency.js';
import { Journal } from '../mock/stores/journal.js';
import { loadSpec } from '../spec/spec.js';
import { SpecValidators } from '../spec/validators.js';

/** Resolves once `ready()` holds, polling real time; rejects after `ms`. */
async function eventually(ready: () => boolean, ms = 3_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!ready()) {
    if (Date.now() > deadline) throw new Error('never happened');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

/** A state export with one agent whose clone is still processing from `sampleUrls`. */
function cloningState(now: number, sampleUrls: string[]) {
  const at = new Date(now).toISOString();
  return {
    version: 1 as const,
    clock: { now: at },
    users: {
      demo: {
        calls: [],
        agents: [
          {
            agent: {
              id: 'agt_0000000000000001',
              name: 'Desk',
              language: 'en-US',
              greeting: 'Hello',
              maxCallDurationSeconds: 600,
              voice: {
                id: 'voc_0000000000000001',
                type: 'clone' as const,
                status: 'processing' as const,
                stockVoice: null,
                sampleCount: sampleUrls.length,
                failureReason: null,
              },
              hasPersona: false,
              createdAt: at,
              updatedAt: at,
            },
            persona: null,
            sampleUrls,
          },
        ],
        texts: [],
        textWebhook: null,
      },
    },
  };
}

describe('a clone whose sample cannot be used fails, with a reason; the process goes on', () => {
  it('on the manual clock: advancing does not throw and the voice does not stay processing', () => {
    const telephony = new Telephony({ timeScale: 'manual' });
    telephony.restore(cloningState(telephony.clock.now(), ['https://999.999.999.999/a.wav']));
    expect(() => telephony.clock.advance(60_000)).not.toThrow();
    const voice = telephony.agents.require('demo', 'agt_0000000000000001').voice;
    expect(voice.status).toBe('failed');
    expect(voice.failureReason).toMatch(/cannot be fetched/);
  });

  it('on the real scaled clock: no uncaught exception, the voice fails, the clock keeps running', async () => {
    const uncaught: unknown[] = [];
    const onUncaught = (error: unknown) => uncaught.push(error);
    process.on('uncaughtException', onUncaught);
    const telephony = new Telephony({ timeScale: 1_000 });
    try {
      telephony.restore(cloningState(telephony.clock.now(), ['https://']));
      let later = false;
      telephony.clock.after(20_000, () => {
        later = true;
      });
      await eventually(() => later);
      const voice = telephony.agents.require('demo', 'agt_0000000000000001').voice;
      expect([voice.status, voice.failureReason]).toEqual([
        'failed',
        'The sample https:// cannot be fetched: it is not a URL a WHATWG parser accepts.',
      ]);
    } finally {
      telephony.clock.clear();
      process.off('uncaughtException', onUncaught);
    }
    expect(uncaught).toEqual([]);
  });
});

describe('an unexpected error in a handler', () => {
  it('answers that request 500 problem+json, documented, and the next request as usual', async () => {
    const [api, admin] = await Promise.all([loadSpec(), loadSpec(ADMIN_SPEC_PATH)]);
    const validators = new SpecValidators(api);
    const telephony = new Telephony({ timeScale: 'manual' });
    const pipeline = createPipeline({
      telephony,
      validators,
      adminValidators: new SpecValidators(admin),
      handlers: {
        ...telephonyOperations(telephony),
        listAgents: () => {
          throw new TypeError("Cannot read properties of undefined (reading 'x')");
        },
      },
      // This test makes no admin request.
      adminHandlers: {} as AdminHandlers,
      journal: new Journal(),
      faults: new FaultBoard(),
      idempotency: new IdempotencyStore(telephony.clock),
    });
    const get = (path: string) =>
      pipeline({
        method: 'GET',
        path,
        search: '',
        headers: { authorization: 'Bearer demo-token' },
        body: undefined,
      });
    const failed = await get('/agents');
    const body = JSON.parse(failed.body ?? '');
    expect([failed.status, failed.headers['Content-Type'], body.code]).toEqual([
      500,
      'application/problem+json',
      'internal_error',
    ]);
    expect(
      validators.validateResponse('listAgents', {
        status: failed.status,
        headers: Object.fromEntries(Object.entries(failed.headers).map(([k, v]) => [k.toLowerCase(), v])),
        contentType: failed.headers['Content-Type'],
        body,
      }),
    ).toEqual([]);
    expect((await get('/calls')).status).toBe(200);
  });
});
