import { readFile } from 'node:fs/promises';
import type { Population } from '../domain/campaigns/types.js';
import type { Scenario } from '../domain/scenarios/types.js';

/** What a scenario file defines: scenarios, and the populations beside them. */
export interface ScenarioFile {
  scenarios: Scenario[];
  populations: Population[];
}

/**
 * The scenarios and populations in a `--scenarios` file, YAML or JSON: a list of scenarios, an
 * object with a `scenarios` list and/or a `populations` list (the config file's shape), or one
 * scenario. They are checked when the mock starts (core.ts), all or none: until then they are
 * only what the file says they are.
 */
export async function readCampaignFile(path: string): Promise<ScenarioFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new Error(`--scenarios ${path}: ${(error as Error).message}`);
  }
  let parsed: unknown;
  try {
    // yaml is loaded only for a YAML file, not at every start-up.
    parsed = path.endsWith('.json') ? JSON.parse(text) : (await import('yaml')).parse(text);
  } catch (error) {
    throw new Error(
      `--scenarios ${path}: not ${path.endsWith('.json') ? 'JSON' : 'YAML'}: ${(error as Error).message}`,
    );
  }
  if (Array.isArray(parsed)) return { scenarios: parsed as Scenario[], populations: [] };
  const { scenarios, populations } = (parsed ?? {}) as { scenarios?: unknown; populations?: unknown };
  if (Array.isArray(scenarios) || Array.isArray(populations)) {
    if (populations !== undefined && !Array.isArray(populations))
      throw new Error(`--scenarios ${path}: populations: expected a list of populations`);
    return {
      scenarios: Array.isArray(scenarios) ? (scenarios as Scenario[]) : [],
      populations: (populations ?? []) as Population[],
    };
  }
  if (parsed && typeof parsed === 'object' && 'name' in parsed)
    return { scenarios: [parsed as Scenario], populations: [] };
  throw new Error(
    `--scenarios ${path}: expected a list of scenarios, { scenarios: [...], populations: [...] } or one scenario`,
  );
}

/** The scenarios of a `--scenarios` file (see readCampaignFile; its populations are left out). */
export async function readScenarioFile(path: string): Promise<Scenario[]> {
  return (await readCampaignFile(path)).scenarios;
}
