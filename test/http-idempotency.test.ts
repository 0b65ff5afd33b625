import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { MockApi } from './support/mock-api.js';
import { describeTransports } from './support/transports.js';

let api: MockApi;

const keyed = (key: string, token = 'demo-token') => ({ token, headers: { 'Idempotency-Key': key } });
const ids = async (path: string, token = 'demo-token') =>
  (await api.get(path, { token })).body.data.map((x: { id: string }) => x.id);

describeTransports('idempotency', (start) => {
  beforeAll(async () => {
    api = await start();
  });
  afterAll(() => api.mock.close());
  beforeEach(() => api.post('/__mock/reset'));

  describe('Idempotency-Key', () => {
    it('the same key and body answer the first call again, and only one call exists', async () => {
      const agentId = await api.agent();
      const body = { to: '+14155550123', agentId };
      const first = await api.post('/calls', body, keyed('order-8842'));
      expect(first.status).toBe(201);
      expect(first.headers['idempotent-replayed']).toBeUndefined();
      const again = await api.post('/calls', body, keyed('order-8842'));
      expect(again.status).toBe(201);
      expect(again.headers['idempotent-replayed']).toBe('true');
      expect(again.body).toEqual(first.body);
      expect(again.headers.location).toBe(`/calls/${first.body.id}`);
      // A replay is a new request: its own id and the current rate-limit count.
      expect(again.headers['x-request-id']).not.toBe(first.headers['x-request-id']);
      expect(Number(again.headers['x-ratelimit-remaining'])).toBe(
        Number(first.headers['x-ratelimit-remaining']) - 1,
      );
      expect(await ids('/calls')).toEqual([first.body.id]);
    });

    it('the same body is the same whatever its key order and whitespace', async () => {
      const first = await api.post('/agents', { name: 'Desk', language: 'en-US' }, keyed('k-order'));
      const reordered = await api.request('POST', '/agents', {
        rawBody: '{ "language": "en-US",\n  "name": "Desk" }',
        headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'k-order' },
      });
      expect([reordered.status, reordered.headers['idempotent-replayed'], reordered.body.id]).toEqual([
        201,
        'true',
        first.body.id,
      ]);
      expect(await ids('/agents')).toHaveLength(1);
    });

    it('parallel retries with one key create one call', async () => {
      const agentId = await api.agent();
      const answers = await Promise.all(
        Array.from({ length: 8 }, () => api.post('/calls', { to: '+14155550123', agentId }, keyed('burst'))),
      );
      expect(new Set(answers.map((a) => a.body.id)).size).toBe(1);
      expect(answers.filter((a) => a.headers['idempotent-replayed'] === 'true')).toHaveLength(7);
      expect(await ids('/calls')).toHaveLength(1);
    });

    const conflicts: Array<[string, { first: [string, object]; second: [string, object] }]> = [
      ['a different body', { first: ['/agents', { name: 'Desk' }], second: ['/agents', { name: 'Sales' }] }],
      [
        'another operation',
        { first: ['/agents', { name: 'Desk' }], second: ['/texts', { to: '+14155550123', body: 'Desk' }] },
      ],
    ];
    for (const [name, { first, second }] of conflicts) {
      it(`the same key with ${name} → 409 idempotency_key_reused, nothing created`, async () => {
        expect((await api.post(first[0], first[1], keyed('k-1'))).status).toBe(201);
        const reused = await api.post(second[0], second[1], keyed('k-1'));
        expect([reused.status, reused.body.code]).toEqual([409, 'idempotency_key_reused']);
        expect(await ids('/agents')).toHaveLength(1);
        expect(await ids('/texts')).toHaveLength(0);
      });
    }

    it('keys are per user: another user’s same key and body create their own agent', async () => {
      const mine = await api.post('/agents', { name: 'Desk' }, keyed('shared'));
      const theirs = await api.post('/agents', { name: 'Desk' }, keyed('shared', 'demo-token-other'));
      expect([mine.status, theirs.status]).toEqual([201, 201]);
      expect(theirs.headers['idempotent-replayed']).toBeUndefined();
      expect(theirs.body.id).not.toBe(mine.body.id);
      expect(await ids('/agents', 'demo-token-other')).toEqual([theirs.body.id]);
      // And a different body from the other user is no conflict with the first user's key.
      expect(
        (await api.post('/agents', { name: 'Other' }, keyed('shared-2', 'demo-token-other'))).status,
      ).toBe(201);
      expect((await api.post('/agents', { name: 'Mine' }, keyed('shared-2'))).status).toBe(201);
    });

    it('a server failure is not remembered: the retry with the same key goes through', async () => {
      const agentId = await api.agent();
      await api.post('/__mock/faults', { operationId: 'createCall', status: 500 });
      const body = { to: '+14155550123', agentId };
      expect((await api.post('/calls', body, keyed('retry-me'))).status).toBe(500);
      const retry = await api.post('/calls', body, keyed('retry-me'));
      expect(retry.status).toBe(201);
      expect(retry.headers['idempotent-replayed']).toBeUndefined();
      expect(await ids('/calls')).toEqual([retry.body.id]);
    });

    it('a key expires after 24 hours on the mock’s clock', async () => {
      const first = await api.post('/agents', { name: 'Desk' }, keyed('daily'));
      await api.advance(24 * 60 * 60 - 1);
      expect((await api.post('/agents', { name: 'Desk' }, keyed('daily'))).body.id).toBe(first.body.id);
      await api.advance(1);
      const later = await api.post('/agents', { name: 'Desk' }, keyed('daily'));
      expect(later.headers['idempotent-replayed']).toBeUndefined();
      expect(later.body.id).not.toBe(first.body.id);
    });

    it('reset forgets the keys', async () => {
      await api.post('/agents', { name: 'Desk' }, keyed('k'));
      await api.post('/__mock/reset');
      const after = await api.post('/agents', { name: 'Sales' }, keyed('k'));
      expect([after.status, after.body.name]).toEqual([201, 'Sales']);
      expect(after.headers['idempotent-replayed']).toBeUndefined();
    });
  });
});
