// `ml-config-lens`: the same core as the extension, for CI and terminals.
// Exit codes: 0 ok, 1 the checked files have errors, 2 bad usage or unreadable input.
import { readFileSync } from 'node:fs';

export type SubcommandRun = (args: string[]) => Promise<number>;

const USAGE = `Usage: ml-config-lens <command> [options]

Commands:
  check      validate training / PEFT config files
  estimate   trainable parameters and memory of a PEFT setup
  recommend  learning rate and batch size from published scaling laws
  dialect    print the detected dialect of each file

Run 'ml-config-lens <command> --help' for the options of a command.`;

const subcommands: Record<string, () => Promise<SubcommandRun>> = {
  check: async () => (await import('./check')).run,
  estimate: async () => (await import('./estimate')).run,
  recommend: async () => (await import('./recommend')).run,
  dialect: async () => (await import('./dialect')).run,
};

export async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h') {
    console.log(USAGE);
    return name ? 0 : 2;
  }
  if (name === '--version') {
    console.log(readVersion());
    return 0;
  }
  const load = subcommands[name];
  if (!load) {
    console.error(`ml-config-lens: unknown command '${name}'\n\n${USAGE}`);
    return 2;
  }
  try {
    return await (
      await load()
    )(rest);
  } catch (err) {
    console.error(`ml-config-lens ${name}: ${err instanceof Error ? err.message : String(err)}`);
    return 2;
  }
}

function readVersion(): string {
  try {
    return JSON.parse(readFileSync(`${__dirname}/../package.json`, 'utf8')).version;
  } catch {
    return 'unknown';
  }
}

if (require.main === module) {
  main(process.argv.slice(2)).then((code) => process.exit(code));
}
