import { describe, expect, it } from 'vitest';
import { DeliveryLog } from './delivery-log.js';
import type { DeliveryRecord } from './delivery-record.js';

function record(i: number, bodyBytes: number, onCancel?: () => void): DeliveryRecord {
  return {
    view: {
      id: `evt_${String(i).padStart(16, '0')}`,
      userId: 'demo',
      type: 'call.response.spoken',
      url: 'https://app.example.com/hooks',
      status: 'pending',
      attempts: [],
      nextAttemptAt: null,
      payload: {},
      createdAt: '2026-01-01T00:00:00.000Z',
      chaos: null,
    },
    webhookId: `evt_${String(i).padStart(16, '0')}`,
    sequence: undefined,
    plan: undefined,
    body: 'x'.repeat(bodyBytes),
    secret: 'whsec_x',
    lane: 'call_1',
    inbound: undefined,
    cancelRetry: onCancel,
    epoch: new AbortController(),
  };
}

describe('DeliveryLog: bounded by bytes as well as count', () => {
  it('a flood of large payloads stays within the byte budget, oldest evicted (and no longer retried)', () => {
    const log = new DeliveryLog(1000, 1_000_000);
    const canceled: number[] = [];
    for (let i = 0; i < 100; i++) log.add(record(i, 100_000, () => canceled.push(i)));
    expect(log.bytes).toBeLessThanOrEqual(1_000_000);
    const ids = log.list().map((d) => d.id);
    expect(ids[0]).toBe(record(99, 0).view.id);
    expect(ids.length).toBeLessThan(10);
    expect(canceled).toEqual([...Array(100 - ids.length).keys()]);
  });

  it('still bounded by count; clear() frees the bytes', () => {
    const log = new DeliveryLog(3);
    for (let i = 0; i < 5; i++) log.add(record(i, 10));
    expect(log.list().map((d) => d.id)).toEqual([4, 3, 2].map((i) => record(i, 0).view.id));
    log.clear();
    expect(log.bytes).toBe(0);
  });
});
