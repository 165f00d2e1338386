// `ml-config-lens recommend`: placeholder until the recommend command lands; says so instead of pretending.
export async function run(_args: string[]): Promise<number> {
  console.error('ml-config-lens recommend: not available in this build yet');
  return 2;
}
