// `ml-config-lens check`: placeholder until the check command lands; says so instead of pretending.
export async function run(_args: string[]): Promise<number> {
  console.error('ml-config-lens check: not available in this build yet');
  return 2;
}
