// The reminder app as a process of its own, for docs/campaigns.md's worked example: it listens for
// the mock's call webhooks and reconciles quiet calls twice a second. Start it with
//   npx tsx examples/integrator-app/clinic-server.ts http://127.0.0.1:4010 3000
import { createServer } from 'node:http';
import { createTelephonyClient } from 'telemock';
import { reminderApp } from './campaign.js';

const [mockUrl = 'http://127.0.0.1:4010', port = '3000'] = process.argv.slice(2);
const hook = `http://127.0.0.1:${port}/hooks/calls`;
const api = createTelephonyClient({ baseUrl: mockUrl, token: process.env.TELEMOCK_TOKEN ?? 'demo-token' });
// Registering the webhook URL gives the account's signing secret.
const registered = await api.PUT('/texts/webhook', { body: { url: hook } });
if (!registered.data) throw new Error(`could not register the webhook: ${registered.error?.detail}`);
const secret = registered.data.secret;
const clinic = reminderApp(api, () => secret, { dedupe: process.env.NAIVE !== '1' });

createServer((req, res) => {
  let body = '';
  req.on('data', (chunk) => {
    body += chunk;
  });
  req.on('end', () => {
    // Acknowledge at once, answer after: a slow handler would hold up the platform's deliveries.
    res.writeHead(204).end();
    clinic.handle(body, req.headers as Record<string, string>).catch((error: Error) => {
      console.error(`webhook refused: ${error.message}`);
    });
  });
}).listen(Number(port), '127.0.0.1', () => console.log(`clinic app on ${hook}`));
// One reconcile at a time; a failed read (the mock restarting, a reset socket) waits for the next.
let reconciling = false;
setInterval(() => {
  if (reconciling) return;
  reconciling = true;
  clinic
    .reconcile()
    .catch((error: Error) => console.error(`reconcile: ${error.message}`))
    .finally(() => {
      reconciling = false;
    });
}, 500);
