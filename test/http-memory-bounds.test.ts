import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import { SPEC_PATH } from '../spec/spec.js';
import type { MockApi } from './support/mock-api.js';
import { describeTransports } from './support/transports.js';

const json = { 'Content-Type': 'application/json' };
// The body: ~1.9 MB, 50,000 unknown keys.
const FIFTY_THOUSAND_KEYS = JSON.stringify({
  name: 'Desk',
  ...Object.fromEntries(Array.from({ length: 50_000 }, (_, i) => [`k${i}`, 'x'.repeat(20)])),
});

describeTransports('memory is bounded in bytes, not counts', (start) => {
  let api: MockApi;
  beforeAll(async () => {
    api = await start({ rateLimit: 0, maxAgents: 3 });
  });
  afterAll(() => api.mock.close());

  it('a 400 lists at most x-max-field-errors errors and counts the rest', async () => {
    const spec = parseYaml(await readFile(SPEC_PATH, 'utf8')) as Record<string, number>;
    const max = spec['x-max-field-errors'] as number;
    expect(max).toBe(20);
    const problem = (
      spec as unknown as {
        components: { schemas: { Problem: { properties: { errors: { maxItems: number } } } } };
      }
    ).components.schemas.Problem;
    expect(problem.properties.errors.maxItems).toBe(max);
    const sent = await api.request('POST', '/agents', { rawBody: FIFTY_THOUSAND_KEYS, headers: json });
    expect([sent.status, sent.body.code]).toEqual([400, 'validation_failed']);
    expect(sent.body.errors).toHaveLength(max);
    expect(sent.body.errorsOmitted).toBe(50_000 - max);
    expect(sent.body.detail).toMatch(/and 49980 more\.$/);
    expect(JSON.stringify(sent.body).length).toBeLessThan(10_000);
  });

  it('the journal keeps each body cut at 10 KiB with a marker', async () => {
    for (let i = 0; i < 4; i++)
      await api.request('POST', '/agents', { rawBody: FIFTY_THOUSAND_KEYS, headers: json });
    const listed = await api.get('/__mock/journal?limit=5');
    expect(listed.body.entries).toHaveLength(5);
    for (const entry of listed.body.entries) {
      expect(entry.request.body).toMatch(/… \(cut: \d+ bytes in all\)$/);
      expect(entry.request.body.length).toBeLessThan(10_300);
    }
  });

  it('inline audio is not kept: the call records its size, the journal a cut body', async () => {
    const call = await api.call();
    await api.advance(4);
    const content = 'A'.repeat(1_048_576 / 3) + 'AAAA'.repeat(1);
    const sent = await api.put(`/calls/${call.id}/audio`, { content, format: 'wav' });
    expect(sent.status, JSON.stringify(sent.body)).toBe(200);
    expect(sent.body.audio.at(-1)).toEqual({
      source: 'inline',
      bytes: expect.any(Number),
      format: 'wav',
      at: expect.any(String),
    });
    expect(JSON.stringify(sent.body)).not.toContain('AAAAAAAA');
    const [entry] = (await api.get('/__mock/journal?limit=1')).body.entries;
    expect(entry.request.body.length).toBeLessThan(10_300);
  });

  it('agents have a per-user cap: past it, 409 too_many_agents; other users are not affected', async () => {
    await api.post('/__mock/reset');
    for (let i = 0; i < 3; i++) expect((await api.post('/agents', { name: `Desk ${i}` })).status).toBe(201);
    const refused = await api.post('/agents', { name: 'One too many' });
    expect([refused.status, refused.body.code]).toEqual([409, 'too_many_agents']);
    expect((await api.get('/agents?limit=100')).body.data).toHaveLength(3);
    expect((await api.post('/agents', { name: 'Other' }, { token: 'demo-token-other' })).status).toBe(201);
  });
});
