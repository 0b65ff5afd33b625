// Dredd 14 loads hook files with require() (proxyquire injects 'hooks'), so this file is CommonJS in an
// ESM package. It is only glue: the logic is in judge.ts, which run.ts makes importable by starting
// Dredd under `node --import tsx`. The target and tokens arrive in the environment (see run.ts).
//
// Non-2xx transactions are provoked where that is deterministic on any conforming target (no token →
// 401, unknown id → 404, a hung-up call → 409, an oversized body → 413, …) and skipped, with the reason
// printed, where it is not: 429 (spends the window and breaks what follows), the texts webhook's 404
// (this run sets the webhook; nothing unsets it), 403 without --forbidden-token, 500/503 with --no-faults.
const hooks = require('hooks');

let judge;
let startError;

const env = process.env;
const options = {
  baseUrl: env.TELEMOCK_DREDD_URL,
  token: env.TELEMOCK_DREDD_TOKEN,
  forbiddenToken: env.TELEMOCK_DREDD_FORBIDDEN_TOKEN || undefined,
  faults: env.TELEMOCK_DREDD_FAULTS !== '0',
  answerTimeoutMs: Number(env.TELEMOCK_DREDD_ANSWER_TIMEOUT_MS) || 30_000,
};

const message = (error) => (error instanceof Error ? error.message : String(error));

hooks.beforeAll((_transactions, done) => {
  import('./judge.ts')
    .then(({ DreddJudge }) => DreddJudge.start(options))
    .then(
      (started) => {
        judge = started;
      },
      (error) => {
        startError = `could not set up the run against ${options.baseUrl}: ${message(error)}`;
      },
    )
    .finally(done);
});

hooks.beforeEach((transaction, done) => {
  if (!judge) {
    transaction.fail = startError ?? 'the hooks did not start';
    return done();
  }
  judge.prepare(transaction).then(
    () => done(),
    (error) => {
      transaction.fail = `could not prepare the request: ${message(error)}`;
      done();
    },
  );
});

hooks.beforeEachValidation((transaction) => {
  try {
    judge?.judge(transaction);
  } catch (error) {
    transaction.fail = `could not judge the response: ${message(error)}`;
  }
});
