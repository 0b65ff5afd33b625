/** Placeholder until the server lands. */
export async function runServeCli(_args: string[]): Promise<number> {
  process.stderr.write('telemock serve: not built yet.\n');
  return 2;
}
