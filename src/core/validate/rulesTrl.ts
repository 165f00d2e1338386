// TRL config checks (trl/trainer/*_config.py __post_init__, trl/scripts/utils.py TrlParser at the
// schema's commit f2cd577); file:line of each in src/core/validate/ledger/trl.json. One TRL YAML
// serves one trainer script; which one shows in the keys it sets (the schema's x-trainers).
import type { Config, CrossFieldRule, RuleHit } from './ruleKit';
import { at, hit } from './ruleKit';

const TRL_AT = 'trl@f2cd577';
type Schema = Record<string, unknown> | undefined;
const rule = (
  id: string,
  severity: CrossFieldRule['severity'],
  source: string,
  check: (c: Config, schema: Schema) => RuleHit | undefined,
): CrossFieldRule => ({ id, dialects: ['trl'], severity, source: `${TRL_AT} ${source}`, check });
const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const given = (v: unknown): boolean => v !== undefined && v !== null;

/** Which online-RL trainer the keys show: a key only GRPO/RLOO have makes it one of them. */
function onlineRl(c: Config, schema: Schema): 'GRPO' | 'RLOO' | 'GRPO or RLOO' | undefined {
  const props = (schema?.properties ?? {}) as Record<string, { 'x-trainers'?: string[] }>;
  let [rl, grpo, rloo] = [false, false, false];
  for (const k of Object.keys(c)) {
    const t = props[k]?.['x-trainers'];
    if (!t || t.length === 0 || !t.every((x) => x === 'grpo' || x === 'rloo')) continue;
    rl = true;
    grpo ||= !t.includes('rloo');
    rloo ||= !t.includes('grpo');
  }
  if (!rl || (grpo && rloo)) return undefined;
  return grpo ? 'GRPO' : rloo ? 'RLOO' : 'GRPO or RLOO';
}
/** GRPOConfig/RLOOConfig default num_generations (8 / 2); unknown when the trainer is. */
const generations = (c: Config, t: string): unknown =>
  given(c.num_generations) ? c.num_generations : t === 'GRPO' ? 8 : t === 'RLOO' ? 2 : undefined;

export const TRL_RULES: readonly CrossFieldRule[] = [
  rule(
    'trl-dpo-loss-weights-length',
    'error',
    'trl/trainer/dpo_config.py:347 DPOConfig.__post_init__',
    (c) => {
      if (!Array.isArray(c.loss_weights)) return undefined;
      const types = typeof c.loss_type === 'string' ? 1 : Array.isArray(c.loss_type) ? c.loss_type.length : 1;
      return c.loss_weights.length !== types
        ? hit(
            ['loss_weights'],
            'key',
            `\`loss_weights\` has ${c.loss_weights.length} entries for ${types} \`loss_type\`; TRL raises "\`loss_weights\` must have the same length as \`loss_type\` when combining multiple losses."`,
          )
        : undefined;
    },
  ),
  rule('trl-pad-token-deprecated', 'warning', 'trl/trainer/{sft,dpo,reward}_config.py __post_init__', (c) =>
    given(c.pad_token)
      ? hit(
          ['pad_token'],
          'key',
          '`pad_token` is deprecated and will be removed in TRL 2.0 (TRL warns); set `tokenizer.pad_token` and pass the tokenizer as `processing_class` instead.',
        )
      : undefined,
  ),
  rule('trl-keep-end-deprecated', 'warning', 'trl/trainer/{sft,dpo}_config.py __post_init__', (c) =>
    c.truncation_mode === 'keep_end'
      ? hit(
          ['truncation_mode'],
          'value',
          '`truncation_mode: keep_end` is deprecated and will be removed in TRL 2.0 (TRL warns); use `keep_start`, the default.',
          { title: 'Use keep_start', path: ['truncation_mode'], value: 'keep_start' },
        )
      : undefined,
  ),
  rule(
    'trl-transformers-paged-deprecated',
    'warning',
    'trl/trainer/{grpo,rloo}_config.py __post_init__',
    (c) =>
      c.use_transformers_paged === true
        ? hit(
            ['use_transformers_paged'],
            'key',
            '`use_transformers_paged` is deprecated (TRL warns) and turns on `use_transformers_continuous_batching`; set that instead.',
          )
        : undefined,
  ),
  rule(
    'trl-importance-sampling-cap-deprecated',
    'warning',
    'trl/trainer/grpo_config.py:1123 GRPOConfig.__post_init__',
    (c) =>
      given(c.vllm_importance_sampling_cap)
        ? hit(
            ['vllm_importance_sampling_cap'],
            'key',
            `\`vllm_importance_sampling_cap\` is deprecated (TRL warns); its value ${String(c.vllm_importance_sampling_cap)} becomes \`vllm_importance_sampling_clip_max\`${given(c.vllm_importance_sampling_clip_max) ? `, replacing the ${String(c.vllm_importance_sampling_clip_max)} set there` : ''}.`,
          )
        : undefined,
  ),
  rule(
    'trl-importance-sampling-clip-order',
    'error',
    'trl/trainer/grpo_config.py:1136 GRPOConfig.__post_init__',
    (c) => {
      const max = given(c.vllm_importance_sampling_cap)
        ? c.vllm_importance_sampling_cap
        : c.vllm_importance_sampling_clip_max;
      return num(c.vllm_importance_sampling_clip_min) &&
        num(max) &&
        c.vllm_importance_sampling_clip_min >= max
        ? hit(
            ['vllm_importance_sampling_clip_min'],
            'value',
            `\`vllm_importance_sampling_clip_min\` (${c.vllm_importance_sampling_clip_min}) must be less than the clip max (${max}); TRL raises.`,
          )
        : undefined;
    },
  ),
  rule(
    'trl-importance-sampling-truncate-needs-clip',
    'error',
    'trl/trainer/grpo_config.py:1147 GRPOConfig.__post_init__',
    (c) =>
      c.vllm_importance_sampling_correction !== false &&
      (c.vllm_importance_sampling_mode === 'token_truncate' ||
        c.vllm_importance_sampling_mode === 'sequence_truncate') &&
      !given(c.vllm_importance_sampling_clip_min) &&
      !given(c.vllm_importance_sampling_clip_max) &&
      !given(c.vllm_importance_sampling_cap)
        ? hit(
            ['vllm_importance_sampling_mode'],
            'value',
            `\`vllm_importance_sampling_mode: ${String(c.vllm_importance_sampling_mode)}\` needs \`vllm_importance_sampling_clip_min\` or \`vllm_importance_sampling_clip_max\`; TRL raises.`,
          )
        : undefined,
  ),
  rule(
    'trl-log-completions-hub-repo',
    'error',
    'trl/trainer/grpo_config.py:1060 GRPOConfig.__post_init__',
    (c) =>
      given(c.log_completions_hub_repo) && c.log_completions !== true
        ? hit(
            ['log_completions_hub_repo'],
            'key',
            '`log_completions_hub_repo` is set but `log_completions` is not on; TRL raises. Set `log_completions: true`.',
            { title: 'Set log_completions: true', path: ['log_completions'], value: 'true' },
          )
        : undefined,
  ),
  rule(
    'trl-online-rl-sequence-parallel',
    'error',
    'trl/trainer/{grpo,rloo}_config.py __post_init__ (grpo_config.py:1050)',
    (c, s) => {
      const p =
        c.parallelism_config && typeof c.parallelism_config === 'object'
          ? (c.parallelism_config as Config)
          : undefined;
      const k = p && ['cp_size', 'sp_size'].find((o) => num(p[o]) && (p[o] as number) > 1);
      const t = k && onlineRl(c, s);
      return t && k
        ? hit(
            ['parallelism_config', k],
            'value',
            `${t} does not support sequence-dim parallelism (\`parallelism_config.${k}\` > 1); TRL raises. Set cp_size and sp_size to 1.`,
          )
        : undefined;
    },
  ),
  rule(
    'trl-online-rl-auto-find-batch-size',
    'error',
    'trl/trainer/{grpo,rloo}_config.py __post_init__ (grpo_config.py:1069)',
    (c, s) => {
      const t = c.auto_find_batch_size === true && onlineRl(c, s);
      return t
        ? hit(
            ['auto_find_batch_size'],
            'key',
            `\`auto_find_batch_size\` is not supported by ${t}: the generation batch must hold whole prompt groups of num_generations completions; TRL raises. Lower \`per_device_train_batch_size\` instead.`,
          )
        : undefined;
    },
  ),
  rule(
    'trl-generation-batch-and-steps',
    'error',
    'trl/trainer/{grpo,rloo}_config.py __post_init__ (grpo_config.py:1093)',
    (c) =>
      given(c.generation_batch_size) && given(c.steps_per_generation)
        ? hit(
            ['steps_per_generation'],
            'key',
            '`generation_batch_size` and `steps_per_generation` cannot both be set; TRL raises. Keep one.',
          )
        : undefined,
  ),
  rule(
    'trl-generation-batch-divisible',
    'error',
    'trl/trainer/{grpo,rloo}_config.py __post_init__ (grpo_config.py:1083, 1111)',
    (c, s) => {
      const gbs = c.generation_batch_size;
      const t = num(gbs) && !given(c.steps_per_generation) && onlineRl(c, s);
      if (!t || !num(gbs)) return undefined;
      const per = num(c.per_device_train_batch_size) ? c.per_device_train_batch_size : 8;
      const ng = generations(c, t);
      if (gbs % per !== 0)
        return hit(
          ['generation_batch_size'],
          'value',
          `\`generation_batch_size\` (${gbs}) is not a multiple of \`per_device_train_batch_size\` (${per}), so it cannot be divisible by the global batch size on any number of GPUs; TRL raises.`,
        );
      return num(ng) && ng > 0 && gbs % ng !== 0
        ? hit(
            ['generation_batch_size'],
            'value',
            `\`generation_batch_size\` (${gbs}) must be divisible by \`num_generations\` (${ng}); TRL raises.`,
          )
        : undefined;
    },
  ),
  rule(
    'trl-online-rl-num-generations',
    'error',
    'trl/trainer/{grpo,rloo}_config.py __post_init__ (grpo_config.py:1117)',
    (c, s) => {
      const t = num(c.num_generations) && c.num_generations < 2 && onlineRl(c, s);
      return t && num(c.num_generations)
        ? hit(
            ['num_generations'],
            'value',
            `${t} needs at least 2 generations per prompt to compute advantages; TRL raises.`,
          )
        : undefined;
    },
  ),
  rule(
    'trl-cpo-alphapo-overrides',
    'warning',
    'trl/experimental/cpo/cpo_config.py:179 CPOConfig.__post_init__',
    (c) =>
      c.loss_type === 'alphapo' && num(c.cpo_alpha) && c.cpo_alpha !== 0
        ? hit(
            ['cpo_alpha'],
            'value',
            `\`loss_type: alphapo\` is SimPO with cpo_alpha 0: CPOConfig sets \`loss_type\` to simpo and \`cpo_alpha\` ${c.cpo_alpha} becomes 0.0 without a warning.`,
          )
        : undefined,
  ),
  rule(
    'trl-single-lora-target-regex',
    'error',
    'trl/trainer/model_config.py:178 ModelConfig.__post_init__ + peft utils/other.py match_target_against_key',
    (c) => {
      const t = c.lora_target_modules;
      if (c.use_peft !== true || !Array.isArray(t) || t.length !== 1 || typeof t[0] !== 'string')
        return undefined;
      const m = t[0];
      return m.toLowerCase() !== 'all-linear' && /^\w+$/.test(m)
        ? hit(
            ['lora_target_modules'],
            'key',
            `A one-item \`lora_target_modules\` becomes the string "${m}", which PEFT matches as a regex against the full module name (re.fullmatch), so no module matches and PEFT raises "Target modules ${m} not found". Write \`.*${m}\` or list it as a string with another module.`,
            { title: `Use the regex .*${m}`, path: ['lora_target_modules'], value: `".*${m}"` },
          )
        : undefined;
    },
  ),
  rule('trl-datasets-fraction', 'error', 'trl/scripts/utils.py:464-466 get_dataset', (c) => {
    if (!Array.isArray(c.datasets)) return undefined;
    const fr = c.datasets.map((d) => (d && typeof d === 'object' ? (d as Config).fraction : undefined));
    if (!fr.some(given)) return undefined;
    if (fr.some((f) => !given(f)))
      return hit(
        ['datasets'],
        'key',
        '`fraction` must be set for all datasets of the mixture or for none; TRL raises.',
      );
    return c.streaming === true
      ? hit(
          at(c, 'streaming', 'datasets'),
          'key',
          'A dataset `fraction` is not supported with `streaming: true`; TRL raises.',
        )
      : undefined;
  }),
];
