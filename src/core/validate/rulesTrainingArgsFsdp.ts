// transformers 5.17.0 TrainingArguments: the FSDP options (_process_fsdp_args,
// _apply_legacy_fsdp_to_config), accelerator_config and the JSON-string dict fields. These changed
// a lot since 4.57 (FSDP2 became the default), so they apply to TRL, which pins 5.17, only.
// file:line of each site in src/core/validate/ledger/transformers.json.
import type { Config, CrossFieldRule } from './ruleKit';
import { hit } from './ruleKit';
import { given, tfRule } from './rulesTrainingArgs';

const TRL = ['trl'] as const;
/** accelerate 1.15.0 accelerate/utils/constants.py:38-39 (the same lines at v1.13.0, which Axolotl pins). */
const SHARDING = ['full_shard', 'shard_grad_op', 'no_shard', 'hybrid_shard', 'hybrid_shard_zero2'];
const AUTO_WRAP = ['TRANSFORMER_BASED_WRAP', 'SIZE_BASED_WRAP', 'NO_WRAP'];

/**
 * The legacy `fsdp` item _apply_legacy_fsdp_to_config raises on, the first one in order as its loop does
 * (lines 2874-2896): a sharding strategy (compared upper-cased) other than the exact `full_shard` /
 * `shard_grad_op` under FSDP2 is FSDP1-only; anything but a strategy, `offload` or `auto_wrap` is unknown.
 */
export function legacyFsdpProblem(
  fsdpItems: readonly string[],
  fsdpVersion: number,
): { item: string; kind: 'fsdp1-only' | 'unknown' } | undefined {
  for (const item of fsdpItems) {
    if (SHARDING.includes(item.toLowerCase())) {
      if (fsdpVersion === 2 && item !== 'full_shard' && item !== 'shard_grad_op')
        return { item, kind: 'fsdp1-only' };
    } else if (item !== 'offload' && item !== 'auto_wrap') return { item, kind: 'unknown' };
  }
  return undefined;
}
/** transformers' own words for a legacy `fsdp` item it raises on (the message of each rule names the key). */
export const LEGACY_FSDP_OPTIONS = [...SHARDING, 'offload', 'auto_wrap'].join(', ');
/** transformers 5.17.0 trainer_pt_utils.py AcceleratorConfig fields. */
export const ACCELERATOR_KEYS = [
  'split_batches',
  'dispatch_batches',
  'even_batches',
  'use_seedable_sampler',
  'non_blocking',
  'gradient_accumulation_kwargs',
  'use_configured_state',
];
/** training_args.py:760 _VALID_DICT_FIELDS. */
const DICT_FIELDS = [
  'accelerator_config',
  'fsdp_config',
  'deepspeed',
  'gradient_checkpointing_kwargs',
  'lr_scheduler_kwargs',
];
const TRUTH = ['y', 'yes', 't', 'true', 'on', '1', 'n', 'no', 'f', 'false', 'off', '0'];

/** fsdp_config as _process_fsdp_args reads it: `fsdp_` prefixes dropped (line 2745); undefined when a file path. */
function fsdpConfig(c: Config): Record<string, unknown> | undefined {
  const raw = c.fsdp_config;
  if (raw === undefined || raw === null) return {};
  if (typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) out[k.startsWith('fsdp_') ? k.slice(5) : k] = v;
  return out;
}
/** True when `fsdp` turns FSDP on (line 2735: a falsy value returns early). */
const fsdpOn = (c: Config): boolean =>
  !!c.fsdp && !(Array.isArray(c.fsdp) && c.fsdp.length === 0) && c.fsdp !== '';
const items = (c: Config): string[] =>
  typeof c.fsdp === 'string'
    ? c.fsdp.split(/\s+/).filter(Boolean)
    : Array.isArray(c.fsdp)
      ? c.fsdp.map(String)
      : [];
const version = (fc: Record<string, unknown>): unknown => fc.version ?? 2;
/** The legacy item transformers raises on; with fsdp_config a file path the version is unknown (NaN). */
const legacyProblem = (c: Config): ReturnType<typeof legacyFsdpProblem> => {
  const fc = fsdpConfig(c);
  return fsdpOn(c) ? legacyFsdpProblem(items(c), fc ? Number(version(fc)) : NaN) : undefined;
};
const cfgPath = (c: Config, key: string): string[] => {
  const raw = c.fsdp_config as Record<string, unknown> | undefined;
  return raw && typeof raw === 'object' && `fsdp_${key}` in raw
    ? ['fsdp_config', `fsdp_${key}`]
    : ['fsdp_config', key];
};

/** The first accelerator_config key AcceleratorConfig(**...) does not take (a TypeError). */
export function unknownAcceleratorKey(c: Config): string | undefined {
  const ac = c.accelerator_config;
  if (!ac || typeof ac !== 'object' || Array.isArray(ac)) return undefined;
  return Object.keys(ac).find((k) => !ACCELERATOR_KEYS.includes(k));
}

export const TRAINING_ARGS_FSDP_RULES: readonly CrossFieldRule[] = [
  tfRule('hf-fsdp-legacy-option', TRL, 'warning', '2860/2866 _apply_legacy_fsdp_to_config', (c) =>
    fsdpOn(c) && (typeof c.fsdp === 'string' || Array.isArray(c.fsdp))
      ? hit(
          ['fsdp'],
          'value',
          `Passing \`fsdp\` as a ${typeof c.fsdp === 'string' ? 'string' : 'list'} is deprecated and will be removed in transformers 5.20 (it warns): use \`fsdp: true\` and put the options in \`fsdp_config\` (e.g. \`cpu_offload: true\`, \`reshard_after_forward\`).`,
        )
      : undefined,
  ),
  tfRule('hf-fsdp-unknown-option', TRL, 'error', '2896 _apply_legacy_fsdp_to_config', (c) => {
    const bad = legacyProblem(c);
    return bad?.kind === 'unknown'
      ? hit(
          ['fsdp'],
          'value',
          `Unknown \`fsdp\` option \`${bad.item}\` (transformers raises); the options are ${LEGACY_FSDP_OPTIONS}.`,
        )
      : undefined;
  }),
  tfRule('hf-fsdp-strategy-needs-fsdp1', TRL, 'error', '2885 _apply_legacy_fsdp_to_config', (c) => {
    const bad = legacyProblem(c);
    return bad?.kind === 'fsdp1-only'
      ? hit(
          ['fsdp'],
          'value',
          `\`fsdp: ${bad.item}\` exists only in FSDP1, and FSDP2 is the default (\`fsdp_config.version\` 2); transformers raises. Use full_shard / shard_grad_op, or set \`fsdp_config: {version: 1}\` (deprecated, removed in 5.20).`,
        )
      : undefined;
  }),
  tfRule('hf-fsdp-gradient-checkpointing', TRL, 'warning', '2755 _process_fsdp_args', (c) =>
    fsdpOn(c) && c.gradient_checkpointing === true
      ? hit(
          ['gradient_checkpointing'],
          'key',
          'With FSDP, transformers warns: prefer `activation_checkpointing: true` in `fsdp_config` over `gradient_checkpointing`, which adds a redundant AllGather in the backward pass.',
        )
      : undefined,
  ),
  tfRule('hf-fsdp-xla-grad-ckpt', TRL, 'warning', '2779 _process_fsdp_args', (c) => {
    const fc = fsdpConfig(c);
    return fsdpOn(c) && fc && !fc.xla && fc.xla_fsdp_grad_ckpt
      ? hit(
          cfgPath(c, 'xla_fsdp_grad_ckpt'),
          'key',
          '`xla_fsdp_grad_ckpt` does nothing unless `fsdp_config.xla` is true (transformers warns).',
        )
      : undefined;
  }),
  tfRule('hf-fsdp-auto-wrap-policy', TRL, 'error', '2793 _process_fsdp_args', (c) => {
    const fc = fsdpConfig(c);
    const p = fc?.auto_wrap_policy;
    return fsdpOn(c) && fc && !fc.xla && given(p) && !AUTO_WRAP.includes(p as string)
      ? hit(
          cfgPath(c, 'auto_wrap_policy'),
          'value',
          `\`auto_wrap_policy\` must be one of ${AUTO_WRAP.join(', ')}; transformers raises.`,
        )
      : undefined;
  }),
  tfRule('hf-fsdp1-deprecated', TRL, 'warning', '2823 _process_fsdp_args', (c) => {
    const fc = fsdpConfig(c);
    return fsdpOn(c) && fc && !fc.xla && Number(version(fc)) === 1
      ? hit(
          cfgPath(c, 'version'),
          'value',
          'FSDP1 (`fsdp_config.version: 1`) is deprecated and will be removed in transformers 5.20 (it warns); FSDP2 (version 2) is the default.',
        )
      : undefined;
  }),
  tfRule('hf-fsdp-config-values', TRL, 'error', '2784/2920 _process_fsdp_args, str_to_bool', (c) => {
    const fc = fsdpConfig(c);
    if (!fsdpOn(c) || !fc || fc.xla) return undefined;
    if (given(fc.version) && !/^\s*[+-]?\d+\s*$/.test(String(fc.version)))
      return hit(
        cfgPath(c, 'version'),
        'value',
        '`fsdp_config.version` must be 1 or 2; transformers raises.',
      );
    const v1 = Number(version(fc)) !== 2;
    const keys = [
      'cpu_ram_efficient_loading',
      'activation_checkpointing',
      ...(v1
        ? ['forward_prefetch', 'use_orig_params', 'sync_module_states', 'limit_all_gathers']
        : ['reshard_after_forward']),
    ];
    const bad = keys.find((k) => given(fc[k]) && !TRUTH.includes(String(fc[k]).toLowerCase()));
    return bad
      ? hit(
          cfgPath(c, bad),
          'value',
          `\`fsdp_config.${bad}\` must be true or false; transformers raises "invalid truth value ${String(fc[bad]).toLowerCase()}".`,
        )
      : undefined;
  }),
  tfRule('hf-accelerator-config-keys', TRL, 'error', '1612 __post_init__', (c) => {
    const bad = unknownAcceleratorKey(c);
    return bad
      ? hit(
          ['accelerator_config', bad],
          'key',
          `\`accelerator_config\` has no \`${bad}\`; AcceleratorConfig(**accelerator_config) raises TypeError. Its keys: ${ACCELERATOR_KEYS.join(', ')}.`,
        )
      : undefined;
  }),
  tfRule('hf-dict-field-json', TRL, 'error', '1511 __post_init__', (c) => {
    const key = DICT_FIELDS.find((k) => {
      const v = c[k];
      if (typeof v !== 'string' || !v.startsWith('{')) return false;
      try {
        JSON.parse(v);
        return false;
      } catch {
        return true;
      }
    });
    return key
      ? hit(
          [key],
          'value',
          `\`${key}\` is a string starting with \`{\`, so TrainingArguments parses it as JSON, and it is not valid JSON (json.loads raises). Write it as a YAML mapping instead.`,
        )
      : undefined;
  }),
];
