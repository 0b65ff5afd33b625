import { describe, expect, it } from 'vitest';
import { snapshotCall } from './call-snapshot.js';
import type { Call } from './types.js';

const AT = '2026-01-01T00:00:04.000Z';

function callWithEverything(): Call {
  return {
    id: 'call_9Xk2LmQ7vB3nR8tP',
    status: 'in-progress',
    from: '+15005550100',
    to: '+14155550123',
    agentId: 'agt_7Hq2LmP9xK3vB8nR',
    webhookUrl: 'https://app.example.com/hook',
    answeredBy: 'human',
    endedReason: null,
    durationSeconds: null,
    maxDurationSeconds: 600,
    transcript: [{ speaker: 'agent', text: 'Hello', at: AT }],
    audio: [
      { source: 'url', url: 'https://cdn.example.com/a.mp3', format: 'mp3', at: AT },
      { source: 'inline', bytes: 3, format: 'wav', at: AT },
    ],
    routes: [{ to: '+15005550021', status: 'failed', failureReason: 'busy', at: AT }],
    sequence: 4,
    metadata: { orderId: '8842' },
    createdAt: AT,
    updatedAt: AT,
    answeredAt: AT,
    endedAt: null,
  };
}

describe('snapshotCall', () => {
  it('equals what structuredClone gives', () => {
    const call = callWithEverything();
    expect(snapshotCall(call)).toStrictEqual(structuredClone(call));
  });

  it('does not change when the call does, down to its entries and metadata', () => {
    const call = callWithEverything();
    const snapshot = snapshotCall(call);
    const want = structuredClone(snapshot);
    call.status = 'completed';
    call.transcript.push({ speaker: 'callee', text: 'Bye', at: AT });
    for (const entry of [...call.transcript, ...call.audio, ...call.routes]) entry.at = 'later';
    call.metadata.orderId = 'changed';
    call.metadata.extra = 'added';
    expect(snapshot).toStrictEqual(want);
  });
});
