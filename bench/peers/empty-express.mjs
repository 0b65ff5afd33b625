// The start-up baseline of issue 16: an empty Express 5 app with one route, plain Node (no tsx),
// answering canned JSON. Prints its URL once it listens.
import express from 'express';

const app = express();
app.get('/', (_req, res) => {
  res.json({ ok: true });
});
const server = app.listen(0, '127.0.0.1', () => {
  process.stdout.write(`http://127.0.0.1:${server.address().port}\n`);
});
process.once('SIGTERM', () => server.close(() => process.exit(0)));
