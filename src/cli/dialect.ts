// `ml-config-lens dialect FILE...`: prints each file's detected dialect.
import { sniffDialect } from '../core/dialects';
import { readInputFile } from '../io/read';

export async function run(args: string[]): Promise<number> {
  if (args.length === 0 || args.includes('--help')) {
    console.log('Usage: ml-config-lens dialect FILE...');
    return args.length === 0 ? 2 : 0;
  }
  for (const file of args) {
    let text: string;
    try {
      text = readInputFile(file);
    } catch (err) {
      console.error(`ml-config-lens dialect: cannot read ${file}: ${(err as Error).message}`);
      return 2;
    }
    console.log(`${file}: ${sniffDialect(text) ?? 'unknown'}`);
  }
  return 0;
}
