import { fileURLToPath } from 'node:url';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { loadSpec } from '../../spec/spec.js';
import { SpecValidators } from '../../spec/validators.js';
import { webhookFixture } from '../../test/webhooks-receiver.js';
import type { DeliverySettings } from '../domain/campaigns/types.js';

let fx: Awaited<ReturnType<typeof webhookFixture>> | undefined;
let admin: SpecValidators;

beforeAll(async () => {
  admin = new SpecValidators(
    await loadSpec(fileURLToPath(new URL('../admin-openapi.yaml', import.meta.url))),
  );
});

afterEach(async () => {
  await fx?.close();
  fx = undefined;
});

async function withChaos(settings: DeliverySettings) {
  fx = await webhookFixture();
  fx.telephony.campaigns.setDelivery(settings);
  return fx;
}

// Every delivery as GET /__mock/webhooks serves it, checked against the admin spec, oldest first.
function deliveries() {
  const list = (fx?.dispatcher.list() ?? []).reverse();
  for (const d of list) expect(admin.validateSchema('Delivery', d)).toEqual([]);
  return list;
}

const received = () =>
  (fx?.receiver.received ?? []).map((h) => [(h.json as { type: string }).type, h.headers['webhook-id']]);

describe('webhook delivery chaos', () => {
  it('duplicate: the event again a few hundred ms later, same webhook-id, a delivery of its own', async () => {
    const f = await withChaos({ duplicate: 1 });
    f.dial('+15005550013');
    f.telephony.clock.advance(1_000); // failed after 1 s
    await f.dispatcher.settled();
    expect(received().map(([type]) => type)).toEqual(['call.failed']);
    f.telephony.clock.advance(500);
    await f.dispatcher.settled();
    const [original, duplicate] = deliveries();
    expect(original).toMatchObject({ type: 'call.failed', chaos: null, attempts: [{ chaos: null }] });
    expect(duplicate).toMatchObject({
      type: 'call.failed',
      chaos: { duplicateOf: original?.id },
      attempts: [{ number: 1, statusCode: 204, chaos: { duplicateOf: original?.id } }],
    });
    expect(received()).toEqual([
      ['call.failed', original?.id],
      ['call.failed', original?.id],
    ]);
    expect(
      Date.parse(duplicate?.createdAt ?? '') - Date.parse(original?.createdAt ?? ''),
    ).toBeGreaterThanOrEqual(200);
    expect(f.telephony.campaigns.report().webhooks).toMatchObject({
      deliveries: 2,
      attempts: 2,
      delivered: 2,
      duplicates: 1,
      statusCodes: { 204: 2 },
    });
  });

  it('reorder: an event is held back until after the call’s next one; a callee’s turn never is', async () => {
    const f = await withChaos({ reorder: 1 });
    const call = f.dial();
    f.telephony.clock.advance(5_000); // ringing at 1 s, answered at 4 s
    await f.dispatcher.settled();
    expect(received()).toEqual([]);
    f.telephony.calls.calleeSays('demo', call.id, 'Hello?');
    await f.dispatcher.settled();
    expect(received().map(([type]) => type)).toEqual(['call.callee.spoke', 'call.ringing', 'call.answered']);
    f.telephony.calls.respond('demo', call.id, 'Hi!');
    await f.dispatcher.settled();
    expect(received()).toHaveLength(3);
    f.telephony.calls.hangUp('demo', call.id);
    await f.dispatcher.settled();
    expect(
      received()
        .map(([type]) => type)
        .slice(3),
    ).toEqual(['call.completed', 'call.response.spoken']);
    expect(deliveries().map((d) => [d.type, d.chaos])).toEqual([
      ['call.ringing', { reordered: true }],
      ['call.answered', { reordered: true }],
      ['call.callee.spoke', null],
      ['call.response.spoken', { reordered: true }],
      ['call.completed', null],
    ]);
    expect(f.telephony.campaigns.report().webhooks).toMatchObject({ reordered: 3, delivered: 5 });
  });

  it('delay: the first attempt waits on the mock’s clock, and later events of the call wait behind it', async () => {
    const f = await withChaos({ delay: { min: 2, max: 2 } });
    f.dial('+15005550013');
    f.telephony.clock.advance(1_000);
    await f.dispatcher.settled();
    expect(received()).toEqual([]);
    f.telephony.clock.advance(2_000);
    await f.dispatcher.settled();
    expect(received().map(([type]) => type)).toEqual(['call.failed']);
    expect(deliveries()[0]).toMatchObject({
      chaos: { delaySeconds: 2 },
      attempts: [{ chaos: { delaySeconds: 2 } }],
    });
    expect(f.telephony.campaigns.report().webhooks.delayed).toBe(1);
  });

  it('is seeded: the same seed and steps give the same duplicates, holds and delays', async () => {
    const play = async () => {
      const f = await withChaos({ duplicate: 0.5, reorder: 0.5, delay: { min: 0, max: 3 } });
      for (let i = 0; i < 6; i++) f.dial(`+1415555000${i}`);
      f.telephony.clock.advance(5_000);
      for (const call of f.telephony.callsAcrossUsers()) f.telephony.calls.hangUp('demo', call.id);
      // Duplicates are armed when their original is first sent: the clock moves on for them.
      for (let i = 0; i < 5; i++) {
        f.telephony.clock.advance(3_000);
        await f.dispatcher.settled();
      }
      const seen = deliveries().map((d) => [
        (d.payload as unknown as { data: { id: string } }).data.id,
        d.type,
        d.chaos?.reordered,
        d.chaos?.delaySeconds,
        d.chaos?.duplicateOf !== undefined,
      ]);
      await f.close();
      fx = undefined;
      // The log's order between calls follows the receiver's timing; the choices do not.
      return seen.map((d) => JSON.stringify(d)).sort();
    };
    const first = await play();
    expect(first.some((d) => d.includes('true,'))).toBe(true);
    expect(first.some((d) => d.endsWith('true]'))).toBe(true);
    expect(await play()).toEqual(first);
  });

  it('all off (the default) delivers every event once, in order, with no chaos', async () => {
    fx = await webhookFixture();
    expect(fx.telephony.campaigns.delivery).toEqual({ duplicate: 0, reorder: 0, delay: { min: 0, max: 0 } });
    const call = fx.dial();
    fx.telephony.clock.advance(5_000);
    fx.telephony.calls.hangUp('demo', call.id);
    await fx.dispatcher.settled();
    expect(received().map(([type]) => type)).toEqual(['call.ringing', 'call.answered', 'call.completed']);
    expect(deliveries().every((d) => d.chaos === null)).toBe(true);
  });
});
