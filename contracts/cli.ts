/** Placeholder until the contract suite lands. */
export async function runContractCli(_args: string[]): Promise<number> {
  process.stderr.write('telemock contract: not built yet.\n');
  return 2;
}
