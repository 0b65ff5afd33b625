import { describe, expect, it } from 'vitest';
import { domainErrorOf } from '../../test/support/domain-error-code.js';
import type { DomainError } from './errors.js';
import { Telephony } from './telephony.js';
import { TIMINGS } from './timings.js';

const T0 = Date.parse('2026-01-01T00:00:00.000Z');
const USER = 'demo';
const SAMPLE = 'https://cdn.example.com/voices/sample-1.wav';
const CORRUPT = 'https://cdn.example.com/voices/corrupt.wav';

const manual = () => new Telephony({ timeScale: 'manual', seed: 1, startTime: T0 });

function errorOf(run: () => unknown): Pick<DomainError, 'kind' | 'code'> {
  const { kind, code } = domainErrorOf(run);
  return { kind, code };
}

describe('agents', () => {
  it('fills defaults on create: language, greeting, max duration, a ready stock voice', () => {
    const agent = manual().agents.create(USER, { name: 'Front desk' });
    expect(agent).toEqual({
      id: expect.stringMatching(/^agt_[A-Za-z0-9]{16}$/),
      name: 'Front desk',
      language: 'en-US',
      greeting: 'Hello, this is Front desk. How can I help?',
      maxCallDurationSeconds: 600,
      voice: {
        id: 'voc_stock_alloy',
        type: 'stock',
        status: 'ready',
        stockVoice: 'alloy',
        sampleCount: 0,
        failureReason: null,
      },
      hasPersona: false,
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:00.000Z',
    });
  });

  it('update merges the fields given and keeps the rest', () => {
    const telephony = manual();
    const { id } = telephony.agents.create(USER, {
      name: 'Front desk',
      language: 'fr-FR',
      greeting: 'Bonjour.',
    });
    telephony.clock.advance(1_000);
    const updated = telephony.agents.update(USER, id, {
      name: 'Reception',
      voice: { type: 'stock', stockVoice: 'aria' },
    });
    expect(updated).toMatchObject({
      id,
      name: 'Reception',
      language: 'fr-FR',
      greeting: 'Bonjour.',
      voice: { id: 'voc_stock_aria', stockVoice: 'aria', status: 'ready' },
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:01.000Z',
    });
    expect(telephony.agents.require(USER, id)).toEqual(updated);
  });

  it('an unknown agent is not found', () => {
    const telephony = manual();
    expect(errorOf(() => telephony.agents.require(USER, 'agt_0000000000000000'))).toEqual({
      kind: 'not_found',
      code: 'agent_not_found',
    });
    expect(errorOf(() => telephony.agents.update(USER, 'agt_0000000000000000', { name: 'x' })).code).toBe(
      'agent_not_found',
    );
  });

  it('persona: 404 before, created once, then replaced under the same id', () => {
    const telephony = manual();
    const { id } = telephony.agents.create(USER, { name: 'Front desk' });
    expect(errorOf(() => telephony.agents.getPersona(USER, id))).toEqual({
      kind: 'not_found',
      code: 'persona_not_found',
    });
    const first = telephony.agents.upsertPersona(USER, id, { instructions: 'Be brief.' });
    expect(first.created).toBe(true);
    expect(first.persona).toMatchObject({
      agentId: id,
      name: null,
      instructions: 'Be brief.',
      tone: 'friendly',
    });
    expect(telephony.agents.require(USER, id).hasPersona).toBe(true);
    telephony.clock.advance(1_000);
    const second = telephony.agents.upsertPersona(USER, id, { instructions: 'Be formal.', tone: 'formal' });
    expect(second.created).toBe(false);
    expect(second.persona).toMatchObject({
      id: first.persona.id,
      instructions: 'Be formal.',
      tone: 'formal',
      createdAt: '2026-01-01T00:00:00.000Z',
      updatedAt: '2026-01-01T00:00:01.000Z',
    });
    expect(telephony.agents.getPersona(USER, id)).toEqual(second.persona);
  });

  it.each([
    ['good samples', { samples: [SAMPLE], status: 'ready', reason: null }],
    [
      'a corrupt sample',
      { samples: [SAMPLE, CORRUPT], status: 'failed', reason: expect.stringContaining(CORRUPT) },
    ],
  ] as const)(
    'a cloned voice from %s is processing, then %s after 10 s',
    (_name, { samples, status, reason }) => {
      const telephony = manual();
      const { id, voice } = telephony.agents.create(USER, {
        name: 'Clone',
        voice: { type: 'clone', sampleUrls: [...samples] },
      });
      expect(voice).toMatchObject({
        type: 'clone',
        status: 'processing',
        sampleCount: samples.length,
        stockVoice: null,
      });
      telephony.clock.advance(TIMINGS.voiceCloning - 1);
      expect(telephony.agents.require(USER, id).voice.status).toBe('processing');
      telephony.clock.advance(1);
      expect(telephony.agents.require(USER, id).voice).toMatchObject({
        id: voice.id,
        status,
        failureReason: reason,
      });
    },
  );

  it('a voice replaced while cloning is not overwritten by the old clone', () => {
    const telephony = manual();
    const { id } = telephony.agents.create(USER, {
      name: 'Clone',
      voice: { type: 'clone', sampleUrls: [CORRUPT] },
    });
    telephony.agents.update(USER, id, { voice: { type: 'stock', stockVoice: 'sage' } });
    telephony.clock.advance(TIMINGS.voiceCloning);
    expect(telephony.agents.require(USER, id).voice).toMatchObject({ id: 'voc_stock_sage', status: 'ready' });
  });

  it.each([
    ['processing', { samples: [SAMPLE], wait: 0, code: 'agent_voice_not_ready' }],
    ['failed', { samples: [CORRUPT], wait: TIMINGS.voiceCloning, code: 'agent_voice_failed' }],
  ] as const)(
    'a call with a %s voice is a conflict and creates nothing',
    (_name, { samples, wait, code }) => {
      const telephony = manual();
      const agent = telephony.agents.create(USER, {
        name: 'Clone',
        voice: { type: 'clone', sampleUrls: [...samples] },
      });
      telephony.clock.advance(wait);
      const dial = () =>
        telephony.calls.create(USER, '+15005550100', { to: '+14155550123', agentId: agent.id });
      expect(errorOf(dial)).toEqual({ kind: 'conflict', code });
      expect(telephony.calls.list(USER, {}).data).toEqual([]);
    },
  );

  it('a call goes through once the clone is ready', () => {
    const telephony = manual();
    const agent = telephony.agents.create(USER, {
      name: 'Clone',
      voice: { type: 'clone', sampleUrls: [SAMPLE] },
    });
    telephony.clock.advance(TIMINGS.voiceCloning);
    const call = telephony.calls.create(USER, '+15005550100', { to: '+14155550123', agentId: agent.id });
    expect(call.status).toBe('queued');
  });
});
