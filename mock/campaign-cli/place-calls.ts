import { createTelephonyClient } from '../../client/client.js';
import type { PacerClock } from './dial-pacer.js';
import { RequestPacer } from './dial-pacer.js';

/** What a dial places and how. */
export interface DialPlan {
  url: string;
  token: string;
  agentId: string;
  numbers: readonly string[];
  concurrency: number;
  webhookUrl?: string;
}

/** A call the API refused for a reason waiting will not fix (a bad number, a bad token, …). */
export class DialRefused extends Error {
  override name = 'DialRefused';
}

/** Server trouble is retried this many times per call, with a growing pause, before the dial gives up. */
const SERVER_RETRIES = 5;

/**
 * Places every call of the plan through POST /calls, `concurrency` at a time, paced by the rate-limit
 * headers. A 429 or a 409 `too_many_live_calls` is waited out and the call placed again; a 5xx is
 * retried a few times; any other refusal ends the dial (DialRefused). Returns the call ids in order.
 */
export async function placeCalls(
  plan: DialPlan,
  clock: PacerClock,
  onPlaced: (placed: number) => void = () => {},
): Promise<string[]> {
  const api = createTelephonyClient({ baseUrl: plan.url, token: plan.token });
  const pacer = new RequestPacer(clock);
  const ids: string[] = new Array(plan.numbers.length);
  let next = 0;
  let placed = 0;
  let stop: Error | undefined;

  const placeOne = async (to: string): Promise<string> => {
    for (let serverErrors = 0; ; ) {
      await pacer.acquire();
      const result = await api
        .POST('/calls', {
          body: { to, agentId: plan.agentId, ...(plan.webhookUrl ? { webhookUrl: plan.webhookUrl } : {}) },
        })
        .catch(async (error: Error) => {
          await pacer.release();
          throw new DialRefused(`cannot reach ${plan.url}: ${error.message}`);
        });
      await pacer.release(result.response);
      if (result.data) return result.data.id;
      const { status } = result.response;
      if (status === 429) continue;
      if (status === 409 && result.error?.code === 'too_many_live_calls') {
        await clock.sleep(1000);
        continue;
      }
      if (status >= 500 && ++serverErrors <= SERVER_RETRIES) {
        await clock.sleep(250 * 2 ** serverErrors);
        continue;
      }
      throw new DialRefused(
        `POST /calls to ${to} answered ${status}: ${result.error?.detail ?? result.error?.code ?? ''}`,
      );
    }
  };

  const worker = async () => {
    while (!stop && next < plan.numbers.length) {
      const index = next++;
      try {
        ids[index] = await placeOne(plan.numbers[index] ?? '');
        onPlaced(++placed);
      } catch (error) {
        stop ??= error as Error;
      }
    }
  };
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(plan.concurrency, plan.numbers.length)) }, worker),
  );
  if (stop) throw stop;
  return ids;
}
