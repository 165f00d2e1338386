// `ml-config-lens estimate`: placeholder until the estimate command lands; says so instead of pretending.
export async function run(_args: string[]): Promise<number> {
  console.error('ml-config-lens estimate: not available in this build yet');
  return 2;
}
