import type { ScenarioRun } from 'telemock/server';

/** The shipped scenarios the conversation handler is tested against, and the number each claims. */
export const conversationCases: Array<[string, { file: string; to: string; spoken: RegExp }]> = [
  [
    'booking: the agent offers a time, the diner takes it',
    { file: 'booking.yaml', to: '+15005550140', spoken: /7:30 pm is perfect/ },
  ],
  [
    'an impatient caller: the agent apologises, the caller stays',
    { file: 'impatient-caller.yaml', to: '+15005550170', spoken: /change my delivery address/ },
  ],
];

/** Where the shipped scenario files are. */
export const scenarioFile = (name: string) => new URL(`../scenarios/${name}`, import.meta.url).pathname;

/**
 * Plays a call to its end on the manual clock: a second at a time, and between seconds the app's
 * webhook handler gets to answer (every delivery settled), until the scenario's run is decided.
 */
export async function converse(
  base: string,
  advance: (seconds: number) => Promise<void>,
  run: () => Promise<ScenarioRun>,
): Promise<ScenarioRun> {
  for (let second = 0; second < 120; second++) {
    const now = await run();
    if (now.status !== 'running') return now;
    await advance(1);
    await deliveriesSettled(base);
  }
  return run();
}

async function deliveriesSettled(base: string): Promise<void> {
  for (let i = 0; i < 500; i++) {
    const response = await fetch(`${base}/__mock/webhooks`);
    const { deliveries } = (await response.json()) as { deliveries: Array<{ status: string }> };
    if (deliveries.every((d) => d.status !== 'pending')) return;
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  throw new Error('webhook deliveries did not settle');
}
