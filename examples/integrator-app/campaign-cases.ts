import type { CampaignReport, Population, Scenario, ScenarioRun } from 'telemock/server';
import { expect } from 'vitest';

/** The patients a morning's campaign rings: 200 numbers under the clinic's test prefix. */
export const patients = Array.from({ length: 200 }, (_, i) => `+1415555${String(i).padStart(4, '0')}`);

/** The patients who pick up, as scripted callees (each used only through the population). */
export const reminderScenarios: Scenario[] = [
  {
    name: 'confirms',
    steps: [
      { say: 'Hello?' },
      { expect: { agent: { contains: 'Tuesday at 3 pm' }, within: 10 } },
      { say: "Yes, I'll be there." },
      { expect: { agent: { contains: 'confirmed' }, within: 10 } },
      { hangup: {} },
    ],
  },
  {
    name: 'reschedules',
    steps: [
      { say: 'Hello?' },
      { expect: { agent: { contains: 'Tuesday at 3 pm' }, within: 10 } },
      { say: 'I need another day, can we move it?' },
      { expect: { agent: { contains: 'Thursday' }, within: 10 } },
      { say: 'Thursday works.' },
      { expect: { agent: { contains: 'Done' }, within: 10 } },
      { hangup: {} },
    ],
  },
];

/** Who answers what: the mix of a morning's reminder calls. */
export const morningReminders: Population = {
  name: 'morning-reminders',
  match: { to: { prefix: '+1415555' } },
  mix: [
    { scenario: 'confirms', weight: 60 },
    { scenario: 'reschedules', weight: 20 },
    { outcome: 'voicemail', weight: 10 },
    { outcome: 'busy', weight: 5 },
    { outcome: 'no-answer', weight: 5 },
  ],
};

/** Webhooks as real platforms deliver them: some twice, some after a later event. */
export const atLeastOnce = { duplicate: 0.1, reorder: 0.1 };

/**
 * Waits until the app is answering nothing and the mock has made no new delivery attempt for a
 * few polls: between two seconds of the manual clock, every webhook has been handled.
 */
export async function untilQuiet(attempts: () => Promise<number>, appBusy: () => boolean): Promise<void> {
  let last = -1;
  for (let quiet = 0; quiet < 3; ) {
    await new Promise((resolve) => setTimeout(resolve, 3));
    const now = await attempts();
    quiet = !appBusy() && now === last ? quiet + 1 : 0;
    last = now;
  }
}

/** The careful app's morning, as the report must show it: all 200 dialled, ≥ 99 % passed, no double answer. */
export function expectHeldUp(report: CampaignReport): void {
  expect(report.populations.find((p) => p.name === 'morning-reminders')?.calls).toBe(200);
  // Duplicates and reorderings were really sent; the app coped with them.
  expect(report.webhooks.duplicates).toBeGreaterThan(0);
  expect(report.webhooks.reordered).toBeGreaterThan(0);
  expect(report.runs.running).toBe(0);
  expect(report.runs.passRate).toBeGreaterThanOrEqual(99);
  expect(report.doubleAnswers).toBe(0);
}

/** The naive app's morning: double answers, and the runs that name the calls and the lines answered twice. */
export function expectCaught(report: CampaignReport, runs: ScenarioRun[]): void {
  expect(report.doubleAnswers).toBeGreaterThan(0);
  const doubled = runs.filter((run) => run.doubleAnswer !== null);
  expect(doubled).toHaveLength(report.doubleAnswers);
  expect(doubled[0]?.doubleAnswer?.turn).toMatch(/Hello\?|be there|another day|Thursday works/);
  expect(report.runs.passRate).toBeLessThan(99);
}
