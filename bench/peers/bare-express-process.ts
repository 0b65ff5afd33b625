import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import express from 'express';
import { parse } from 'yaml';
import type { components } from '../../spec/generated/api.js';

type Call = components['schemas']['Call'];

/**
 * The baseline: a bare Express 5 app that answers the two benchmarked routes with openapi.yaml's
 * QueuedCall example — no auth, no validation, no state. Prints its URL, then its start timings.
 */
const bootMs = performance.now();
const spec = parse(readFileSync(new URL('../../openapi.yaml', import.meta.url), 'utf8')) as {
  components: { examples: { QueuedCall: { value: Call } } };
};
const call = spec.components.examples.QueuedCall.value;
const importMs = performance.now() - bootMs;

const app = express();
app.use(express.json());
app.get('/calls/:callId', (req, res) => {
  res.json({ ...call, id: req.params.callId });
});
app.post('/calls', (req, res) => {
  const body = req.body as { to: string; agentId: string };
  res.status(201).json({ ...call, to: body.to, agentId: body.agentId });
});

const server = app.listen(0, '127.0.0.1', () => {
  const { port } = server.address() as AddressInfo;
  const startMs = performance.now() - bootMs - importMs;
  process.stdout.write(`http://127.0.0.1:${port}\n`);
  process.stdout.write(`timings ${JSON.stringify({ bootMs, importMs, startMs })}\n`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
