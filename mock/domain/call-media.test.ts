import { describe, expect, it } from 'vitest';
import { Telephony } from './telephony.js';
import { TIMINGS } from './timings.js';

const T0 = Date.parse('2026-01-01T00:00:00.000Z');
const USER = 'demo';

/** A call answered by a human, in progress on a manual clock. */
function liveCall() {
  const telephony = new Telephony({ timeScale: 'manual', seed: 1, startTime: T0 });
  const agentId = telephony.agents.create(USER, { name: 'Front desk' }).id;
  const callId = telephony.calls.create(USER, '+15005550100', { to: '+14155550123', agentId }).id;
  telephony.clock.advance(TIMINGS.queuedToRinging + TIMINGS.ringingToAnswer);
  return { calls: telephony.calls, callId };
}

describe('audio played by URL', () => {
  it.each([
    ['https://cdn.example.com/hold.mp3', 'mp3'],
    ['https://cdn.example.com/hold.MP3', 'mp3'],
    ['https://cdn.example.com/hold.ogg', 'ogg'],
    ['https://cdn.example.com/line.ulaw', 'ulaw'],
    ['https://cdn.example.com/hold.wav', 'wav'],
    ['https://cdn.example.com/hold.flac', 'wav'],
    ['https://cdn.example.com/hold', 'wav'],
    ['https://cdn.example.com/hold.mp3?v=2#t=10', 'mp3'],
    ['https://cdn.example.com/mp3/hold', 'wav'],
  ])('%s is recorded as %s', (url, format) => {
    const { calls, callId } = liveCall();
    expect(calls.injectAudio(USER, callId, { url }).audio.at(-1)).toMatchObject({
      source: 'url',
      url,
      format,
    });
  });

  it('a format given wins over what the URL suggests', () => {
    const { calls, callId } = liveCall();
    const call = calls.injectAudio(USER, callId, { url: 'https://cdn.example.com/hold.mp3', format: 'ogg' });
    expect(call.audio.at(-1)?.format).toBe('ogg');
  });
});

describe('inline audio', () => {
  // What the content decodes to, padded or not, as Node's own decoder counts it.
  it.each([
    ['AAAA'],
    ['AAAAAA=='],
    ['AAAAAA'],
    ['AAAAAAA='],
    ['AAAAAAA'],
    ['QQ'],
    ['QUI'],
    ['QUJD'],
    ['SGVsbG8sIHdvcmxkIQ'],
    ['SGVsbG8sIHdvcmxkIQ=='],
    [''],
  ])('%s counts the bytes it decodes to', (content) => {
    const { calls, callId } = liveCall();
    const call = calls.injectAudio(USER, callId, { content, format: 'wav' });
    expect(call.audio.at(-1)).toMatchObject({
      source: 'inline',
      format: 'wav',
      bytes: Buffer.from(content, 'base64').length,
    });
  });
});

describe('routing without an announcement', () => {
  it.each([
    ['a target that answers', 'sip:desk@example.com', 'completed'],
    ['a busy target', '+15005550021', 'in-progress'],
  ])('to %s leaves the transcript as it was', (_name, to, status) => {
    const { calls, callId } = liveCall();
    const before = calls.get(USER, callId).transcript.length;
    const call = calls.route(USER, callId, { to });
    expect(call.status).toBe(status);
    expect(call.transcript).toHaveLength(before);
  });

  it('an announcement is said by the agent before the transfer', () => {
    const { calls, callId } = liveCall();
    const call = calls.route(USER, callId, { to: 'sip:desk@example.com', announce: 'One moment.' });
    expect(call.transcript.at(-1)).toMatchObject({ speaker: 'agent', text: 'One moment.' });
  });
});
