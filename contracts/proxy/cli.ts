/** Placeholder until the validating proxy lands. */
export async function runProxyCli(_args: string[]): Promise<number> {
  process.stderr.write('telemock proxy: not built yet.\n');
  return 2;
}
