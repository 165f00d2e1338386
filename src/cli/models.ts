// Model resolution for the CLI, in one place: a config's relative model path is read against the
// config file's folder (as in the editor); --model given on the command line is read against the
// current directory. Local only (path, catalog, HF cache) unless the caller asks for the Hub.
import { homedir } from 'node:os';
import { dirname, resolve } from 'node:path';
import { modelBaseDir } from '../core/models/base-dir';
import { resolveModel, resolveModelLocal, type ResolveOptions } from '../io/resolve';
import type { ResolvedModel } from '../core/models/types';
import type { ModelResolver } from '../core/pipeline';

/**
 * A path written in a config file is read only inside the current directory, the config's folder or
 * the HF cache (src/io/read.ts roots); a path typed on the command line (no config file) anywhere.
 */
export function resolveOptions(configFile: string | undefined, allowNetwork = false): ResolveOptions {
  const roots = configFile ? [process.cwd(), dirname(resolve(configFile))] : undefined;
  return {
    cwd: modelBaseDir(configFile && resolve(configFile), process.cwd()),
    env: process.env,
    homeDir: homedir(),
    allowNetwork,
    ...(roots ? { roots } : {}),
  };
}

/** Resolver for a config file's own model reference; undefined when nothing local has it. */
export function localModelResolver(configFile: string | undefined): ModelResolver {
  const opts = resolveOptions(configFile);
  return (ref) => resolveModelLocal(ref, opts);
}

/** A reference typed on the command line (--model): relative to the current directory; the Hub when allowed. */
export function resolveCommandLineModel(ref: string, allowNetwork: boolean): Promise<ResolvedModel> {
  return resolveModel(ref, resolveOptions(undefined, allowNetwork));
}

/** The config's own reference: relative to the config's folder; the Hub when allowed. */
export function resolveConfigModel(
  ref: string,
  configFile: string,
  allowNetwork: boolean,
): Promise<ResolvedModel> {
  return resolveModel(ref, resolveOptions(configFile, allowNetwork));
}
