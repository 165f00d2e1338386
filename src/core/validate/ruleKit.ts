// Shared vocabulary of the cross-field rule tables (rules*.ts).
import type { DialectId } from '../dialects';
import type { Severity } from './types';

export type Config = Record<string, unknown>;

/** Where a finding points: a key path, and whether the key or its value is marked. */
export interface RuleHit {
  path: string[];
  on: 'key' | 'value';
  message: string;
  /** The one change that makes the framework accept the config, when it is determined. */
  fix?: RuleFix;
}

/** Set `path` to `value` (YAML text as written, e.g. `true` or `[embed_tokens, lm_head]`). */
export interface RuleFix {
  title: string;
  path: string[];
  value: string;
  /** Further keys set by the same fix (each must exist in the file). */
  more?: Array<{ path: string[]; value: string }>;
  /** Preferred fix (default true); false when the right change depends on what the user meant. */
  preferred?: boolean;
  /** Rename the key at `path` to this (a renamed key); `value` then replaces its value unless empty. */
  renameTo?: string;
}

export interface CrossFieldRule {
  id: string;
  dialects: readonly DialectId[];
  severity: Severity;
  /** Framework source that enforces (or documents) the rule. */
  source: string;
  /**
   * `schema` is the dialect's root schema, for rules that read annotations such as x-plugin;
   * `versions` the framework releases the user runs (mlConfig.validation.frameworkVersions), for
   * rules whose answer depends on the release (torchtune component signatures).
   */
  check(
    cfg: Config,
    schema?: Record<string, unknown>,
    versions?: Record<string, string>,
  ): RuleHit | undefined;
}

/** Truthy in Python's sense for a config value (None, False, 0, "" and [] are not set). */
export const isSet = (v: unknown): boolean =>
  v !== undefined &&
  v !== null &&
  v !== false &&
  v !== 0 &&
  v !== '' &&
  !(Array.isArray(v) && v.length === 0);
/** Python truthiness in full: isSet, and an empty mapping is not set either. */
export const truthy = (v: unknown): boolean =>
  isSet(v) && !(typeof v === 'object' && !Array.isArray(v) && Object.keys(v as object).length === 0);
/** A finding at `path`, with its fix when one is determined. */
export const hit = (path: string[], on: RuleHit['on'], message: string, fix?: RuleFix): RuleHit => ({
  path,
  on,
  message,
  ...(fix ? { fix } : {}),
});
export const has = (cfg: Config, k: string): boolean => Object.prototype.hasOwnProperty.call(cfg, k);
/** `[k]` when the file has k, else `[fallback]`: point at what the user wrote. */
export const at = (cfg: Config, k: string, fallback: string): string[] => [has(cfg, k) ? k : fallback];
