import { expect, it } from 'vitest';
import type { MockOptions } from '../exports/server.js';
import type { MockApi } from './support/mock-api.js';
import { describeTransports } from './support/transports.js';

// The same seed and the same start time: the same script must give byte-identical answers.
const START = Date.parse('2026-03-01T09:00:00.000Z');

/** A request script touching every generated thing: ids, callee lines, voices, webhook secrets. */
async function script(api: MockApi) {
  await api.post('/__mock/reset');
  const agent = (await api.post('/agents', { name: 'Front desk' })).body;
  const clone = (
    await api.post('/agents', {
      name: 'Clone',
      voice: { type: 'clone', sampleUrls: ['https://cdn.example.com/s1.wav'] },
    })
  ).body;
  const persona = (await api.post(`/agents/${agent.id}/persona`, { instructions: 'Be brief.' })).body;
  const calls = [];
  for (const to of ['+14155550123', 'sip:desk@pbx.example.com', '+15005550014', '+15005550015']) {
    calls.push((await api.post('/calls', { to, agentId: agent.id })).body.id);
  }
  await api.advance(1 + 3 + 2); // answered, and the human callees have spoken
  await api.post(`/calls/${calls[0]}/respond`, { text: 'Your order ships tomorrow.' });
  await api.put(`/calls/${calls[1]}/route`, { to: '+15005550021' });
  const webhook = (await api.put('/texts/webhook', { url: 'https://app.example.com/sms' })).body;
  const text = (await api.post('/texts', { to: '+14155550123', body: 'See you at 3' })).body;
  await api.advance(20);
  return {
    agents: (await api.get('/agents')).body,
    clone: (await api.get(`/agents/${clone.id}`)).body,
    persona,
    calls: (await api.get('/calls')).body,
    texts: (await api.get('/texts')).body,
    text,
    webhook,
    state: (await api.get('/__mock/state')).body,
  };
}

type Start = (options?: MockOptions) => Promise<MockApi>;
type Result = Awaited<ReturnType<typeof script>>;

/** Runs the script on a fresh mock with `seed`, `runs` times in a row; one mock at a time (MSW intercepts for one). */
async function scriptOn(start: Start, seed: number, runs = 1): Promise<[Result, ...Result[]]> {
  const api = await start({ seed, startTime: START });
  try {
    const results: [Result, ...Result[]] = [await script(api)];
    while (results.length < runs) results.push(await script(api));
    return results;
  } finally {
    await api.mock.close();
  }
}

describeTransports('--seed', (start) => {
  it('two mocks with the same seed give identical ids, transcripts and data', async () => {
    const [first] = await scriptOn(start, 42);
    const [second] = await scriptOn(start, 42);
    expect(second).toEqual(first);
    // The script really exercised the generated parts.
    const transcripts = first.calls.data.map((call: { transcript: Array<{ speaker: string }> }) =>
      call.transcript.map((line) => line.speaker),
    );
    expect(transcripts.flat()).toContain('callee');
    expect(first.calls.data).toHaveLength(4);
    expect(first.webhook.secret).toMatch(/^whsec_/);
    expect([first.persona.id, first.text.id, first.clone.voice.id]).toEqual([
      expect.stringMatching(/^prs_/),
      expect.stringMatching(/^txt_/),
      expect.stringMatching(/^voc_/),
    ]);
  });

  it('the same mock after reset replays the same script identically', async () => {
    const [first, again] = await scriptOn(start, 42, 2);
    if (!again) throw new Error('the script ran once');
    // The clock moved on between runs; everything generated is the same.
    const strip = (x: unknown) => JSON.stringify(x).replace(/"\d{4}-\d\d-\d\dT[^"]+"/g, '"T"');
    expect(strip(again.calls)).toBe(strip(first.calls));
    expect(strip(again.agents)).toBe(strip(first.agents));
  });

  it('different seeds give different ids', async () => {
    const [first] = await scriptOn(start, 42);
    const [other] = await scriptOn(start, 43);
    const ids = (r: typeof first) => [
      ...r.calls.data.map((x: { id: string }) => x.id),
      ...r.agents.data.map((x: { id: string }) => x.id),
      r.text.id,
    ];
    const mine = new Set(ids(first));
    expect(ids(other).filter((id) => mine.has(id))).toEqual([]);
    expect(other.webhook.secret).not.toBe(first.webhook.secret);
  });
});
