import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { MockApi } from './support/mock-api.js';
import { describeTransports } from './support/transports.js';

let api: MockApi;

type State = 'queued' | 'ringing' | 'in-progress' | 'ended';

/** A fresh call to a human, brought to `state` on the manual clock (ended = hung up in progress). */
async function callIn(state: State): Promise<string> {
  const call = await api.call();
  if (state === 'ringing') await api.advance(1);
  if (state === 'in-progress' || state === 'ended') await api.advance(1 + 3);
  if (state === 'ended') expect((await api.put(`/calls/${call.id}/hangup`)).status).toBe(200);
  const now = (await api.get(`/calls/${call.id}`)).body;
  expect(now.status).toBe(state === 'ended' ? 'completed' : state);
  return call.id;
}

const actions = {
  hangup: (id: string) => api.put(`/calls/${id}/hangup`),
  respond: (id: string) => api.post(`/calls/${id}/respond`, { text: 'Your order ships tomorrow.' }),
  audio: (id: string) => api.put(`/calls/${id}/audio`, { url: 'https://cdn.example.com/hold.mp3' }),
  route: (id: string) => api.put(`/calls/${id}/route`, { to: '+14155550188' }),
};

// The action × state table of docs/behaviour.md, cell by cell: the status, and the call's status or
// problem code.
type Want = { status: 200; callStatus: string; endedReason: string | null } | { status: 409; code: string };
const table: Array<[keyof typeof actions, State, Want]> = [
  ['hangup', 'queued', { status: 200, callStatus: 'canceled', endedReason: 'canceled' }],
  ['hangup', 'ringing', { status: 200, callStatus: 'canceled', endedReason: 'canceled' }],
  ['hangup', 'in-progress', { status: 200, callStatus: 'completed', endedReason: 'agent-hangup' }],
  ['hangup', 'ended', { status: 409, code: 'call_ended' }],
  ['respond', 'queued', { status: 409, code: 'call_not_answered' }],
  ['respond', 'ringing', { status: 409, code: 'call_not_answered' }],
  ['respond', 'in-progress', { status: 200, callStatus: 'in-progress', endedReason: null }],
  ['respond', 'ended', { status: 409, code: 'call_ended' }],
  ['audio', 'queued', { status: 409, code: 'call_not_answered' }],
  ['audio', 'ringing', { status: 409, code: 'call_not_answered' }],
  ['audio', 'in-progress', { status: 200, callStatus: 'in-progress', endedReason: null }],
  ['audio', 'ended', { status: 409, code: 'call_ended' }],
  ['route', 'queued', { status: 409, code: 'call_not_answered' }],
  ['route', 'ringing', { status: 409, code: 'call_not_answered' }],
  ['route', 'in-progress', { status: 200, callStatus: 'completed', endedReason: 'transferred' }],
  ['route', 'ended', { status: 409, code: 'call_ended' }],
];

describeTransports('call actions', (start) => {
  beforeAll(async () => {
    api = await start();
  });
  afterAll(() => api.mock.close());
  beforeEach(() => api.post('/__mock/reset'));

  describe('the action × state table over HTTP', () => {
    for (const [action, state, want] of table) {
      const expected = want.status === 200 ? `${want.callStatus}` : `409 ${want.code}`;
      it(`${action} on a ${state} call → ${expected}`, async () => {
        const id = await callIn(state);
        const before = (await api.get(`/calls/${id}`)).body;
        const sent = await actions[action](id);
        expect(sent.status).toBe(want.status);
        const after = (await api.get(`/calls/${id}`)).body;
        if (want.status === 409) {
          expect(sent.body.code).toBe(want.code);
          // A refused action changes nothing.
          expect(after).toEqual(before);
        } else {
          expect([sent.body.status, sent.body.endedReason]).toEqual([want.callStatus, want.endedReason]);
          expect(after).toEqual(sent.body);
          expect(after.sequence).toBeGreaterThan(before.sequence);
        }
      });
    }
  });

  describe('what the actions record', () => {
    it('respond adds the agent’s line to the transcript', async () => {
      const id = await callIn('in-progress');
      const sent = await api.post(`/calls/${id}/respond`, { text: 'One moment please.' });
      expect(sent.body.transcript.at(-1)).toMatchObject({ speaker: 'agent', text: 'One moment please.' });
      const again = await api.post(`/calls/${id}/respond`, { text: 'Thanks for waiting.' });
      expect(again.body.transcript.slice(-2).map((e: { text: string }) => e.text)).toEqual([
        'One moment please.',
        'Thanks for waiting.',
      ]);
    });

    const audio: Array<[string, { given: object; want: object }]> = [
      [
        'from a URL (format from the extension)',
        {
          given: { url: 'https://cdn.example.com/audio/hold-music.mp3' },
          want: { source: 'url', url: 'https://cdn.example.com/audio/hold-music.mp3', format: 'mp3' },
        },
      ],
      [
        'inline base64 (size after decoding)',
        {
          given: { content: Buffer.from('RIFF-some-wav-bytes').toString('base64'), format: 'wav' },
          want: { source: 'inline', bytes: 'RIFF-some-wav-bytes'.length, format: 'wav' },
        },
      ],
    ];
    for (const [name, { given, want }] of audio) {
      it(`audio ${name} is recorded on the call`, async () => {
        const id = await callIn('in-progress');
        const sent = await api.put(`/calls/${id}/audio`, given);
        expect(sent.status).toBe(200);
        expect(sent.body.audio).toEqual([{ ...want, at: expect.any(String) }]);
        expect((await api.get(`/calls/${id}`)).body.audio).toEqual(sent.body.audio);
      });
    }

    const failingRoutes: Array<[string, string]> = [
      ['+15005550021', 'busy'],
      ['+15005550022', 'no-answer'],
    ];
    for (const [to, reason] of failingRoutes) {
      it(`a route to ${to} fails (${reason}) and the call stays with the agent`, async () => {
        const id = await callIn('in-progress');
        const sent = await api.put(`/calls/${id}/route`, { to, announce: 'Transferring you now.' });
        expect(sent.status).toBe(200);
        expect(sent.body.status).toBe('in-progress');
        expect(sent.body.endedReason).toBeNull();
        expect(sent.body.routes).toEqual([
          { to, status: 'failed', failureReason: reason, at: expect.any(String) },
        ]);
        expect(sent.body.transcript.at(-1)).toMatchObject({
          speaker: 'agent',
          text: 'Transferring you now.',
        });
        // Still live: the agent can go on talking.
        expect((await api.post(`/calls/${id}/respond`, { text: 'They are busy.' })).status).toBe(200);
      });
    }

    it('a route to a sip: URI connects and ends the call transferred', async () => {
      const id = await callIn('in-progress');
      const sent = await api.put(`/calls/${id}/route`, { to: 'sip:sales@pbx.example.com' });
      expect(sent.body).toMatchObject({ status: 'completed', endedReason: 'transferred' });
      expect(sent.body.routes).toEqual([
        { to: 'sip:sales@pbx.example.com', status: 'connected', failureReason: null, at: expect.any(String) },
      ]);
      expect(sent.body.endedAt).not.toBeNull();
    });

    it('sequence increases with every change', async () => {
      const call = await api.call();
      const seen = [call.sequence];
      const steps = [
        () => api.advance(1), // ringing
        () => api.advance(3), // answered
        () => api.post(`/calls/${call.id}/respond`, { text: 'Hello there.' }),
        () => api.put(`/calls/${call.id}/audio`, { url: 'https://cdn.example.com/a.wav' }),
        () => api.put(`/calls/${call.id}/route`, { to: '+15005550021' }),
        () => api.put(`/calls/${call.id}/hangup`),
      ];
      for (const step of steps) {
        await step();
        seen.push((await api.get(`/calls/${call.id}`)).body.sequence);
      }
      for (let i = 1; i < seen.length; i++) expect(seen[i]).toBeGreaterThan(seen[i - 1] as number);
    });

    it('the maximum duration ends a call', async () => {
      const agentId = await api.agent();
      const created = await api.post('/calls', { to: '+14155550123', agentId, maxDurationSeconds: 10 });
      expect(created.body.maxDurationSeconds).toBe(10);
      await api.advance(1 + 3 + 9);
      expect((await api.get(`/calls/${created.body.id}`)).body.status).toBe('in-progress');
      await api.advance(1);
      const ended = (await api.get(`/calls/${created.body.id}`)).body;
      expect(ended).toMatchObject({ status: 'completed', endedReason: 'max-duration', durationSeconds: 10 });
    });

    it('the agent’s maximum duration applies when the call sets none', async () => {
      const agent = await api.post('/agents', { name: 'Short', maxCallDurationSeconds: 20 });
      const call = await api.call('+14155550123', agent.body.id);
      expect(call.maxDurationSeconds).toBe(20);
      await api.advance(1 + 3 + 20);
      expect((await api.get(`/calls/${call.id}`)).body).toMatchObject({
        status: 'completed',
        endedReason: 'max-duration',
      });
    });
  });

  describe('GET /calls', () => {
    it('pages newest first with limit and nextCursor, every call exactly once', async () => {
      const agentId = await api.agent();
      const ids: string[] = [];
      for (let i = 0; i < 5; i++) ids.push((await api.call('+14155550123', agentId)).id);
      const seen: string[] = [];
      let cursor: string | null = null;
      let pages = 0;
      do {
        const query: string = cursor ? `?limit=2&cursor=${cursor}` : '?limit=2';
        const page = await api.get(`/calls${query}`);
        expect(page.status).toBe(200);
        expect(page.body.data.length).toBeLessThanOrEqual(2);
        seen.push(...page.body.data.map((c: { id: string }) => c.id));
        cursor = page.body.nextCursor;
        pages++;
      } while (cursor);
      expect(pages).toBe(3);
      expect(seen).toEqual([...ids].reverse());
    });

    it('filters by status', async () => {
      const agentId = await api.agent();
      const live = await api.call('+14155550123', agentId);
      const canceled = await api.call('+14155550123', agentId);
      await api.put(`/calls/${canceled.id}/hangup`);
      const busy = await api.call('+15005550011', agentId);
      await api.advance(1 + 3);
      const cases: Array<[string, string[]]> = [
        ['in-progress', [live.id]],
        ['canceled', [canceled.id]],
        ['ringing', [busy.id]],
        ['completed', []],
      ];
      for (const [status, want] of cases) {
        const page = await api.get(`/calls?status=${status}`);
        expect(
          page.body.data.map((c: { id: string }) => c.id),
          status,
        ).toEqual(want);
      }
    });

    it('pages through a status filter without skipping or repeating', async () => {
      const agentId = await api.agent();
      const kept: string[] = [];
      for (let i = 0; i < 6; i++) {
        const call = await api.call('+14155550123', agentId);
        if (i % 2 === 0) await api.put(`/calls/${call.id}/hangup`);
        else kept.push(call.id);
      }
      const first = await api.get('/calls?status=queued&limit=2');
      expect(first.body.nextCursor).not.toBeNull();
      const second = await api.get(`/calls?status=queued&limit=2&cursor=${first.body.nextCursor}`);
      expect(second.body.nextCursor).toBeNull();
      expect([...first.body.data, ...second.body.data].map((c: { id: string }) => c.id)).toEqual(
        [...kept].reverse(),
      );
    });

    const badQueries: Array<[string, { given: string; path: string }]> = [
      [
        'an unknown cursor',
        {
          given: `cursor=${Buffer.from('call_0000000000000000').toString('base64url')}`,
          path: '/query/cursor',
        },
      ],
      ['limit 0', { given: 'limit=0', path: '/query/limit' }],
      ['limit 101', { given: 'limit=101', path: '/query/limit' }],
      ['an unknown status', { given: 'status=ended', path: '/query/status' }],
    ];
    for (const [name, { given, path }] of badQueries) {
      it(`answers 400 to ${name}`, async () => {
        const sent = await api.get(`/calls?${given}`);
        expect(sent.status).toBe(400);
        expect(sent.body.errors.map((e: { path: string }) => e.path)).toContain(path);
      });
    }
  });
});
