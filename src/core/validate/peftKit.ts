// Shared helpers of the PEFT rule tables (rulesPeft*.ts). PEFT builds the config class named by
// `peft_type` and runs its __post_init__; a key the file leaves out takes the dataclass default,
// which the schema records per class (definitions.<PEFT_TYPE>.properties.<key>.default).
import type { Config, CrossFieldRule, RuleHit } from './ruleKit';
import { has, hit, truthy } from './ruleKit';

export { hit, truthy };

type Schema = Record<string, unknown> | undefined;
/** Value as PEFT sees it: what the file says, else the config class's default. */
export type Get = (key: string) => unknown;
type PeftCheck = (c: Config, get: Get, type: string) => RuleHit | undefined;

/** Pinned PEFT commit the rules were read at (the schema's x-framework.commit). */
export const PEFT_AT = 'peft@5d602fd';

function defaultOf(schema: Schema, type: string, key: string): unknown {
  const defs = schema?.definitions as
    Record<string, { properties?: Record<string, { default?: unknown }> }> | undefined;
  return defs?.[type]?.properties?.[key]?.default;
}

/** A rule that runs only for the listed PEFT types ('*' = every type). */
export function peftRule(
  id: string,
  types: readonly string[] | '*',
  severity: CrossFieldRule['severity'],
  source: string,
  check: PeftCheck,
): CrossFieldRule {
  return {
    id,
    dialects: ['peft'],
    severity,
    source: `${PEFT_AT} ${source}`,
    check: (c, schema) => {
      const type = typeof c.peft_type === 'string' ? c.peft_type : '';
      if (types !== '*' && !types.includes(type)) return undefined;
      return check(c, (k) => (has(c, k) ? c[k] : defaultOf(schema, type, k)), type);
    },
  };
}

export const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
/** A sub-config written as a mapping (velora_config, eva_config, ...), else undefined. */
export const sub = (v: unknown): Config | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Config) : undefined;

/**
 * First failing bound of a mapping: [key, test that is true when the value is wrong, PEFT's message].
 * Only numbers are tested; a key that is absent keeps its (valid) default.
 */
export function firstBad(
  obj: Config,
  path: string[],
  checks: [string, (v: number) => boolean, string][],
): RuleHit | undefined {
  for (const [k, bad, message] of checks) {
    const v = obj[k];
    if (num(v) && bad(v)) return hit([...path, k], 'value', message);
  }
  return undefined;
}

/** PEFT types whose __post_init__ raises on `layers_pattern` without `layers_to_transform`. */
export const LAYERS_PATTERN_TYPES = [
  'ADALORA',
  'BOFT',
  'DEFT',
  'DELORA',
  'FOURIERFT',
  'FROD',
  'HRA',
  'LILY',
  'LOHA',
  'LOKR',
  'LORA',
  'OFT',
  'PEANUT',
  'PSOFT',
  'PVERA',
  'TINYLORA',
  'VBLORA',
  'VERA',
  'WAVEFT',
];
/** PEFT types that raise on `layers_to_transform` with a regex-string `target_modules`. */
export const REGEX_LAYERS_TYPES = [
  'ADALORA',
  'C3A',
  'DEFT',
  'DELORA',
  'FOURIERFT',
  'HIRA',
  'HRA',
  'LORA',
  'MISS',
  'PSOFT',
  'UNILORA',
  'WAVEFT',
];
/** PEFT types that raise on `layers_pattern` with a regex-string `target_modules`. */
export const REGEX_PATTERN_TYPES = [
  'ADALORA',
  'C3A',
  'DEFT',
  'FOURIERFT',
  'HIRA',
  'HRA',
  'LORA',
  'MISS',
  'PSOFT',
  'UNILORA',
  'WAVEFT',
];
