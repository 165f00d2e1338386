// The one rule for where a relative model path in a config points: the config file's own folder,
// on every surface (CLI, editor, panel). Untitled or virtual documents fall back to the caller's base.
import { dirname } from 'node:path';

export function modelBaseDir(configFile: string | undefined, fallback: string): string {
  return configFile ? dirname(configFile) : fallback;
}
