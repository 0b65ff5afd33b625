import { describe, expect, it } from 'vitest';
import { parseHttpUrl } from '../../spec/url-rule.js';
import { codeOf, domainErrorOf } from '../../test/support/domain-error-code.js';
import { DEFAULT_MAX_AGENTS } from './limits.js';
import { type StateSnapshot, Telephony, type TelephonyOptions } from './telephony.js';
import { TIMINGS } from './timings.js';

const T0 = Date.parse('2026-01-01T00:00:00.000Z');
const USER = 'demo';

const manual = (options: TelephonyOptions = {}) =>
  new Telephony({ timeScale: 'manual', seed: 1, startTime: T0, ...options });

describe('the agent cap', () => {
  it(`refuses the ${DEFAULT_MAX_AGENTS + 1}st agent by default, saying the cap and how to raise it`, () => {
    const telephony = manual();
    for (let n = 0; n < DEFAULT_MAX_AGENTS; n++) telephony.agents.create(USER, { name: `Desk ${n}` });
    const refused = domainErrorOf(() => telephony.agents.create(USER, { name: 'One too many' }));
    expect([refused.kind, refused.code]).toEqual(['conflict', 'too_many_agents']);
    expect(refused.message).toContain(`has ${DEFAULT_MAX_AGENTS} agents`);
    expect(refused.message).toContain(`(${DEFAULT_MAX_AGENTS})`);
    expect(refused.message).toContain('--max-agents');
    // Nothing was created, other users are not affected, and a reset makes room again.
    expect(codeOf(() => telephony.agents.create('other', { name: 'Desk' }))).toBe('no error');
    telephony.reset();
    expect(codeOf(() => telephony.agents.create(USER, { name: 'Desk' }))).toBe('no error');
  });
});

describe('what an agent and its persona are made of', () => {
  it('find gives undefined (not a throw) for an agent the user does not have', () => {
    const telephony = manual();
    const { id } = telephony.agents.create(USER, { name: 'Desk' });
    expect(telephony.agents.find(USER, id)?.id).toBe(id);
    expect(telephony.agents.find('other', id)).toBeUndefined();
    expect(telephony.agents.find(USER, 'agt_0000000000000000')).toBeUndefined();
  });

  it('ids carry their prefix: agt_ for the agent, voc_ for a clone, prs_ for the persona', () => {
    const telephony = manual();
    const { id, voice } = telephony.agents.create(USER, {
      name: 'Clone',
      voice: { type: 'clone', sampleUrls: ['https://cdn.example.com/voices/a.wav'] },
    });
    const { persona } = telephony.agents.upsertPersona(USER, id, { instructions: 'Be brief.' });
    expect([id, voice.id, persona.id]).toEqual([
      expect.stringMatching(/^agt_[A-Za-z0-9]{16}$/),
      expect.stringMatching(/^voc_[A-Za-z0-9]{16}$/),
      expect.stringMatching(/^prs_[A-Za-z0-9]{16}$/),
    ]);
  });

  it.each([
    ['without traits has none', undefined, []],
    ['keeps the traits given', ['patient', 'concise'], ['patient', 'concise']],
  ])('a persona %s', (_, traits, want) => {
    const telephony = manual();
    const { id } = telephony.agents.create(USER, { name: 'Desk' });
    const input = { instructions: 'Be brief.', ...(traits ? { traits } : {}) };
    expect(telephony.agents.upsertPersona(USER, id, input).persona.traits).toEqual(want);
  });

  it('the 404 for a missing persona names the agent', () => {
    const telephony = manual();
    const { id } = telephony.agents.create(USER, { name: 'Desk' });
    expect(domainErrorOf(() => telephony.agents.getPersona(USER, id)).message).toContain(id);
  });
});

describe('a clone that cannot be made fails with the reason', () => {
  it.each([['https://'], ['ftp://cdn.example.com/a.wav'], ['https://user:pw@cdn.example.com/a.wav']])(
    'a sample the URL rule refuses (%s) fails the clone with the rule’s reason',
    (sample) => {
      const telephony = manual();
      const { id } = telephony.agents.create(USER, {
        name: 'Clone',
        voice: { type: 'clone', sampleUrls: ['https://cdn.example.com/voices/ok.wav', sample] },
      });
      telephony.clock.advance(TIMINGS.voiceCloning);
      const parsed = parseHttpUrl(sample);
      const reason = parsed.ok ? '' : parsed.reason;
      expect(telephony.agents.require(USER, id).voice).toMatchObject({
        status: 'failed',
        failureReason: `The sample ${sample} cannot be fetched: it ${reason}.`,
      });
      expect(telephony.clock.failures.count).toBe(0);
    },
  );

  it('a cloning timer that throws fails the clone, and the clock reports it as that clone’s', () => {
    const telephony = manual();
    const { id } = telephony.agents.create(USER, {
      name: 'Clone',
      voice: { type: 'stock', stockVoice: 'alloy' },
    });
    // An imported clone whose samples are not a list (the admin spec's validation refuses it over
    // HTTP, the state check only counts them): reading them throws inside the timer.
    const snapshot = telephony.snapshot() as StateSnapshot;
    const entry = snapshot.users[USER]?.agents[0] as { agent: { voice: object } };
    entry.agent.voice = {
      id: 'voc_0000000000000001',
      type: 'clone',
      status: 'processing',
      stockVoice: null,
      sampleCount: 1,
      failureReason: null,
    };
    Object.assign(entry, { sampleUrls: { length: 1 } });
    telephony.restore(snapshot);
    expect(() => telephony.clock.advance(TIMINGS.voiceCloning)).not.toThrow();
    const voice = telephony.agents.require(USER, id).voice;
    expect(voice.status).toBe('failed');
    expect(voice.failureReason).toContain(`voice cloning of ${id}`);
    expect(telephony.clock.failures.latest.map((f) => f.what)).toEqual([`voice cloning of ${id}`]);
  });
});
