import express from 'express';
import { verifyWebhook } from 'telemock';

const secret = process.env.TELEMOCK_WEBHOOK_SECRET ?? ''; // the `secret` PUT /texts/webhook returned
const app = express();
// Signatures cover the exact bytes sent: take the body as text, not parsed JSON.
app.post('/hooks/telemock', express.text({ type: 'application/json' }), (req, res) => {
  try {
    const event = verifyWebhook(req.body, req.headers, secret);
    if (event.type === 'text.received') res.json({ reply: `Thanks! We got: ${event.data.body}` });
    else res.sendStatus(204); // call.* and text.sent/delivered/failed: acknowledge
  } catch {
    res.sendStatus(401); // bad signature, or a timestamp more than 5 minutes off
  }
});
app.listen(3000);
