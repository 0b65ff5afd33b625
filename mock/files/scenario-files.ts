import { readFile } from 'node:fs/promises';
import type { Scenario } from '../domain/scenarios/types.js';

/**
 * The scenarios in a `--scenarios` file, YAML or JSON: a list of scenarios, an object with a
 * `scenarios` list (the config file's shape), or one scenario. They are checked when the mock
 * starts (core.ts), all or none: until then they are only what the file says they are.
 */
export async function readScenarioFile(path: string): Promise<Scenario[]> {
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
  if (Array.isArray(parsed)) return parsed as Scenario[];
  const list = (parsed as { scenarios?: unknown } | null)?.scenarios;
  if (Array.isArray(list)) return list as Scenario[];
  if (parsed && typeof parsed === 'object' && 'name' in parsed) return [parsed as Scenario];
  throw new Error(`--scenarios ${path}: expected a list of scenarios, { scenarios: [...] } or one scenario`);
}
