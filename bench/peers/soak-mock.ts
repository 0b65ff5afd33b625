// The mock for the soak, in a process of its own so its RSS is its own: the sources under tsx, the
// rate limit off (every request reaches the domain), 60× time so calls ring, answer and end, clones
// finish and retries fire while the load runs. Prints its URL.
import { startMock } from '../../exports/server.js';

const mock = await startMock({ port: 0, rateLimit: 0, timeScale: 60, logger: false });
process.stdout.write(`${mock.url}\n`);
process.once('SIGTERM', () => {
  void mock.close().finally(() => process.exit(0));
});
