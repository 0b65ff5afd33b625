import { type CampaignReport, readCampaignFile, type ScenarioRun } from 'telemock/server';
import { expect } from 'vitest';

/** The patients a morning's campaign rings: 200 numbers under the clinic's test prefix. */
export const patients = Array.from({ length: 200 }, (_, i) => `+1415555${String(i).padStart(4, '0')}`);

/**
 * The patients who pick up (scripted callees) and the population that deals them out: the file
 * docs/campaigns.md walks through, read as `telemock serve --scenarios` reads it.
 */
export const reminders = await readCampaignFile(
  new URL('../scenarios/reminders.yaml', import.meta.url).pathname,
);

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
