// A key the framework removed before the oldest release its key sets were read from (schema
// x-removedIn, e.g. PEFT's `enable_lora`, "peft 0.3.0") is unknown to every release we track, so the
// user's release decides what becomes of it: PEFT before 0.14 raises TypeError (`config_cls(**kwargs)`,
// src/peft/config.py:119 at v0.13.2); from 0.14 it drops the key with a warning (config.py:158 at v0.14.0).
import type { Severity } from '../types';
import { compareVersions, parseVersion } from '../versions';
import { consequence, pinned, unknownKeySeverity } from './check';
import { RELEASES } from './data';

export interface RemovedKeyVerdict {
  severity: Severity;
  /** What the user's release does with the key, for the end of the deprecation message. */
  message: string;
}

/**
 * The verdict for a removed key in the release the user runs; undefined when that package's release
 * is not set, is not one we track (transformers), or still had the key (stillInPinnedVersion says so).
 */
export function removedKeyInRelease(
  removedIn: string | undefined,
  versions: Record<string, string> | undefined,
): RemovedKeyVerdict | undefined {
  const m = removedIn ? /^(\S+)\s+v?(\d+(?:\.\d+)*)$/.exec(removedIn.trim()) : null;
  const fw = m?.[1].toLowerCase();
  if (!m || !fw || !Object.prototype.hasOwnProperty.call(RELEASES, fw)) return undefined;
  const tracked = fw as keyof typeof RELEASES;
  const version = pinned(versions, fw);
  const v = version && parseVersion(version);
  if (!version || !v || compareVersions(v, parseVersion(m[2]) ?? []) < 0) return undefined;
  const severity = unknownKeySeverity(tracked, version);
  return {
    severity,
    message: `${fw} ${version} does not have it either (removed in ${m[2]}): ${consequence(tracked, severity)}.`,
  };
}
