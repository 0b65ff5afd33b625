import { describe, expect, it } from 'vitest';
import { Telephony } from './telephony.js';
import { TIMINGS } from './timings.js';

const T0 = Date.parse('2026-01-01T00:00:00.000Z');
const USER = 'demo';
const GOOD = 'https://cdn.example.com/voices/good.wav';
const CORRUPT = 'https://cdn.example.com/voices/corrupt.wav';
const HALF = TIMINGS.voiceCloning / 2;

function cloning(first: string[]) {
  const telephony = new Telephony({ timeScale: 'manual', seed: 1, startTime: T0 });
  const { id } = telephony.agents.create(USER, {
    name: 'Clone',
    voice: { type: 'clone', sampleUrls: first },
  });
  const voice = () => telephony.agents.require(USER, id).voice;
  return { telephony, id, voice };
}

describe('a clone replaced by another clone while it was processing', () => {
  it.each([
    ['good samples by good samples', [GOOD], [GOOD], 'ready'],
    ['good samples by a corrupt one', [GOOD], [CORRUPT], 'failed'],
    ['a corrupt sample by good samples', [CORRUPT], [GOOD], 'ready'],
  ] as const)('(%s) is judged only by its own timer, 10 s after it started', (_name, first, second, want) => {
    const { telephony, id, voice } = cloning([...first]);
    telephony.clock.advance(HALF);
    const replaced = telephony.agents.update(USER, id, { voice: { type: 'clone', sampleUrls: [...second] } });
    const newId = replaced.voice.id;
    // The first clone's timer falls due now: it must not decide the second clone.
    telephony.clock.advance(HALF);
    expect(voice()).toMatchObject({ id: newId, status: 'processing', failureReason: null });
    telephony.clock.advance(HALF - 1);
    expect(voice().status).toBe('processing');
    telephony.clock.advance(1);
    expect(voice()).toMatchObject({ id: newId, status: want, sampleCount: second.length });
  });

  it('a finished clone records when it finished', () => {
    const { telephony, voice, id } = cloning([GOOD]);
    telephony.clock.advance(TIMINGS.voiceCloning);
    expect(voice().status).toBe('ready');
    expect(telephony.agents.require(USER, id).updatedAt).toBe(
      new Date(T0 + TIMINGS.voiceCloning).toISOString(),
    );
  });

  it('a sample is corrupt by the path of its URL, not by its query', () => {
    const { telephony, voice } = cloning(['https://cdn.example.com/voices/good.wav?name=/corrupt.wav']);
    telephony.clock.advance(TIMINGS.voiceCloning);
    expect(voice().status).toBe('ready');
  });

  it('a failed clone replaced by a stock voice is ready at once, with no failure', () => {
    const { telephony, id, voice } = cloning([CORRUPT]);
    telephony.clock.advance(TIMINGS.voiceCloning);
    expect(voice().status).toBe('failed');
    telephony.agents.update(USER, id, { voice: { type: 'stock', stockVoice: 'sage' } });
    expect(voice()).toMatchObject({ status: 'ready', failureReason: null, sampleCount: 0 });
  });
});

describe('updates and restores leave the voice alone unless asked', () => {
  it('an update without a voice keeps the voice as it is', () => {
    const { telephony, id, voice } = cloning([GOOD]);
    const before = voice();
    telephony.agents.update(USER, id, { name: 'Renamed' });
    expect(voice()).toEqual(before);
    telephony.clock.advance(TIMINGS.voiceCloning);
    expect(voice().status).toBe('ready');
  });

  it('a restored agent with a ready voice waits for nothing', () => {
    const telephony = new Telephony({ timeScale: 'manual', seed: 1, startTime: T0 });
    telephony.agents.create(USER, { name: 'Stock' });
    const copy = new Telephony({ timeScale: 'manual', seed: 1, startTime: T0 });
    copy.restore(telephony.snapshot());
    expect(copy.clock.pending).toBe(0);
  });
});
