// `--accelerate-config FILE`: the Accelerate config a run is launched with, as the estimate's launch
// context (world size, sharding), with the deepspeed_config_file it names read next to it.
import { basename, resolve } from 'node:path';
import { parse } from 'yaml';
import { launchFromAccelerate } from '../core/links/accelerate-launch';
import { linkCandidates } from '../core/links';
import type { LinkedInputs } from '../core/links/linked';
import { LINKED_LIMITS, readLinkedSync } from '../io/linked';

/** Next to the Accelerate file, then the working directory; anywhere, since the user named that file. */
function dsFileOf(file: string, target: string): string | undefined {
  const r = readLinkedSync(linkCandidates(target, resolve(file), [process.cwd()]), {
    maxBytes: LINKED_LIMITS.launch,
  });
  return r.status === 'read' ? r.text : undefined;
}

/** `readText` is the CLI's reader of a file the user named (one-line error on failure). */
export function accelerateLaunch(file: string, readText: (path: string) => string): LinkedInputs {
  const cfg: unknown = parse(readText(file));
  if (!cfg || typeof cfg !== 'object' || Array.isArray(cfg))
    throw new Error(`${file} is not an Accelerate config (a YAML mapping expected)`);
  const c = cfg as Record<string, unknown>;
  const ds = c.deepspeed_config as Record<string, unknown> | undefined;
  const dsFile = ds && typeof ds.deepspeed_config_file === 'string' ? ds.deepspeed_config_file : undefined;
  return launchFromAccelerate(c, basename(file), dsFile ? dsFileOf(file, dsFile) : undefined);
}
