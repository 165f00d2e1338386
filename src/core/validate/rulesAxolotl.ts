// Axolotl cross-field rules (ids as in schemas/axolotl.schema.json "x-rules"), from
// src/axolotl/utils/schemas/validation.py and config.py at the schema's commit.
import type { Config, CrossFieldRule } from './ruleKit';
import { at, has, isSet, hit } from './ruleKit';

type Check = CrossFieldRule['check'];
const AX = ['axolotl'] as const;
const rule = (id: string, severity: CrossFieldRule['severity'], check: Check): CrossFieldRule => ({
  id,
  dialects: AX,
  severity,
  source: 'axolotl utils/schemas/validation.py',
  check,
});
/** Axolotl tests `data.get(k) is not None` for these. */
const given = (c: Config, k: string): boolean => c[k] !== undefined && c[k] !== null;
const LEGACY_ATTN = [
  'flash_attention',
  'sdp_attention',
  'xformers_attention',
  'flex_attention',
  's2_attention',
  'eager_attention',
];
const BUILT_IN_ADAPTERS = ['lora', 'qlora', 'llama-adapter'];
/** The batch fields Axolotl's check_batch_size_fields names (validation.py:225 at 067b021). */
const BATCH_FIELDS = ['micro_batch_size', 'gradient_accumulation_steps', 'batch_size'];
const plugins = (c: Config): string[] => (Array.isArray(c.plugins) ? c.plugins.map(String) : []);

export const AXOLOTL_RULES: readonly CrossFieldRule[] = [
  rule('ax-qlora-needs-4bit', 'error', (c) =>
    c.adapter === 'qlora' && c.merge_lora !== true && c.load_in_4bit !== true
      ? {
          ...hit(
            at(c, 'load_in_4bit', 'adapter'),
            'value',
            '`adapter: qlora` needs `load_in_4bit: true`; Axolotl refuses to start without it.',
          ),
          fix: { title: 'Set load_in_4bit: true', path: ['load_in_4bit'], value: 'true' },
        }
      : undefined,
  ),
  rule('ax-qlora-not-8bit', 'error', (c) => {
    const k = c.adapter === 'qlora' ? ['load_in_8bit', 'gptq'].find((o) => c[o] === true) : undefined;
    return k
      ? hit(
          [k],
          'key',
          `QLoRA loads the base model in 4 bit; \`${k}: true\` cannot be combined with \`adapter: qlora\`.`,
        )
      : undefined;
  }),
  rule('ax-quant-needs-adapter', 'error', (c) => {
    const k = !isSet(c.adapter) ? ['load_in_4bit', 'load_in_8bit'].find((o) => c[o] === true) : undefined;
    return k
      ? hit(
          [k],
          'key',
          `\`${k}\` needs an adapter (\`adapter: lora\` or \`qlora\`); a quantized model cannot be fully fine-tuned.`,
        )
      : undefined;
  }),
  rule('ax-adapter-unknown', 'error', (c) =>
    typeof c.adapter === 'string' &&
    !BUILT_IN_ADAPTERS.includes(c.adapter) &&
    !plugins(c).some((p) => p.toLowerCase().includes(String(c.adapter).toLowerCase()))
      ? hit(
          ['adapter'],
          'value',
          `\`adapter: ${c.adapter}\` is not built in; list the plugin that registers it under \`plugins:\`.`,
        )
      : undefined,
  ),
  rule('ax-batch-fields', 'error', (c) =>
    BATCH_FIELDS.filter((k) => isSet(c[k])).length < 2
      ? hit(
          // On the one field that is set (Axolotl names the three), else where the first would go.
          [BATCH_FIELDS.find((k) => has(c, k)) ?? 'gradient_accumulation_steps'],
          'key',
          'Set at least two of `micro_batch_size`, `gradient_accumulation_steps`, `batch_size`; Axolotl derives the third.',
        )
      : undefined,
  ),
  rule('ax-gas-and-batch-size', 'error', (c) =>
    isSet(c.batch_size) && isSet(c.gradient_accumulation_steps)
      ? hit(
          ['batch_size'],
          'key',
          'Set either `batch_size` or `gradient_accumulation_steps`, not both; Axolotl derives one from the other and rejects the pair.',
        )
      : undefined,
  ),
  rule('ax-warmup-exclusive', 'error', (c) =>
    given(c, 'warmup_steps') && given(c, 'warmup_ratio')
      ? hit(['warmup_ratio'], 'key', '`warmup_steps` and `warmup_ratio` are mutually exclusive; keep one.')
      : undefined,
  ),
  rule('ax-bf16-fp16', 'warning', (c) =>
    c.bf16 === true && c.fp16 === true
      ? hit(
          ['fp16'],
          'key',
          '`fp16` is dropped when `bf16` is on (Axolotl passes fp16 = fp16 and not bf16); remove one.',
        )
      : undefined,
  ),
  rule('ax-datasets-required', 'error', (c) =>
    !isSet(c.datasets) && !isSet(c.pretraining_dataset)
      ? hit(
          at(c, 'datasets', 'base_model'),
          'key',
          'Axolotl needs `datasets` (or `pretraining_dataset`) to train.',
        )
      : undefined,
  ),
  rule('ax-legacy-attn-with-impl', 'error', (c) => {
    const k = isSet(c.attn_implementation) ? LEGACY_ATTN.find((o) => c[o] === true) : undefined;
    return k
      ? hit(
          [k],
          'key',
          `\`${k}\` cannot be combined with \`attn_implementation\`; keep \`attn_implementation\` only.`,
        )
      : undefined;
  }),
  rule('ax-attn-short-alias', 'error', (c) =>
    ['flash', 'flex', 'sdp'].includes(String(c.attn_implementation))
      ? hit(
          ['attn_implementation'],
          'value',
          'Short aliases are not accepted: use `flash_attention_2`, `flex_attention` or `sdpa`.',
        )
      : undefined,
  ),
  rule('ax-sample-packing-rl', 'error', (c) =>
    c.sample_packing === true && isSet(c.rl)
      ? hit(['sample_packing'], 'key', '`sample_packing: true` does not work with RLHF training (`rl`).')
      : undefined,
  ),
  rule('ax-kto-sample-packing', 'error', (c) => {
    const k =
      c.rl === 'kto' ? ['sample_packing', 'eval_sample_packing'].find((o) => c[o] === true) : undefined;
    return k ? hit([k], 'key', `\`${k}\` is not supported with \`rl: kto\`.`) : undefined;
  }),
  rule('ax-kto-remove-unused-columns', 'error', (c) =>
    c.rl === 'kto' && c.remove_unused_columns !== false
      ? hit(at(c, 'remove_unused_columns', 'rl'), 'value', '`rl: kto` needs `remove_unused_columns: false`.')
      : undefined,
  ),
  rule('ax-pad-to-sequence-len', 'warning', (c) =>
    c.sample_packing === true && c.pad_to_sequence_len === false
      ? hit(
          ['pad_to_sequence_len'],
          'value',
          '`pad_to_sequence_len: true` is recommended with `sample_packing`.',
        )
      : undefined,
  ),
  rule('ax-layers-pattern', 'error', (c) =>
    isSet(c.peft_layers_pattern) && !isSet(c.peft_layers_to_transform)
      ? hit(['peft_layers_pattern'], 'key', '`peft_layers_pattern` needs `peft_layers_to_transform`.')
      : undefined,
  ),
  rule('ax-lr-groups-loraplus', 'error', (c) =>
    isSet(c.lr_groups) && given(c, 'loraplus_lr_ratio')
      ? hit(['loraplus_lr_ratio'], 'key', '`lr_groups` and `loraplus_lr_ratio` cannot be used together.')
      : undefined,
  ),
  rule('ax-val-set-with-test-datasets', 'error', (c) =>
    typeof c.val_set_size === 'number' && c.val_set_size > 0 && isSet(c.test_datasets)
      ? hit(['val_set_size'], 'key', 'A non-zero `val_set_size` cannot be combined with `test_datasets`.')
      : undefined,
  ),
  rule('ax-eval-steps-no-eval', 'error', (c) =>
    has(c, 'val_set_size') &&
    c.val_set_size === 0 &&
    (isSet(c.eval_steps) || isSet(c.eval_strategy)) &&
    !isSet(c.test_datasets) &&
    c.eval_strategy !== 'no'
      ? hit(
          at(c, 'eval_steps', 'eval_strategy'),
          'key',
          '`eval_steps`/`eval_strategy` need an evaluation set: `val_set_size` is 0 and there are no `test_datasets`.',
        )
      : undefined,
  ),
  rule('ax-noisy-and-neftune', 'error', (c) =>
    given(c, 'noisy_embedding_alpha') && given(c, 'neftune_noise_alpha')
      ? hit(
          ['noisy_embedding_alpha'],
          'key',
          'Both `noisy_embedding_alpha` and `neftune_noise_alpha` are set; remove the deprecated `noisy_embedding_alpha`.',
        )
      : undefined,
  ),
  rule('ax-lora-keys-without-adapter', 'warning', (c) => {
    if (c.adapter === 'lora' || c.adapter === 'qlora') return undefined;
    const k = Object.keys(c).find((o) => o.startsWith('lora_') && o !== 'lora_model_dir' && isSet(c[o]));
    return k
      ? hit(
          [k],
          'key',
          `\`${k}\` has no effect without \`adapter: lora\` or \`qlora\`; this config fine-tunes all parameters.`,
        )
      : undefined;
  }),
  rule('ax-plugin-keys-without-plugin', 'warning', (c, schema) => {
    const props = (schema?.properties ?? {}) as Record<string, { 'x-plugin'?: string }>;
    const listed = plugins(c);
    const k = Object.keys(c).find(
      (o) => typeof props[o]?.['x-plugin'] === 'string' && !listed.includes(String(props[o]['x-plugin'])),
    );
    return k
      ? hit(
          [k],
          'key',
          `\`${k}\` belongs to the plugin ${String(props[k]['x-plugin'])}, which is not listed under \`plugins:\`; Axolotl ignores it.`,
        )
      : undefined;
  }),
  rule('ax-muon-deepspeed', 'error', (c) =>
    c.optimizer === 'muon' && isSet(c.deepspeed)
      ? hit(['optimizer'], 'value', 'The Muon optimizer does not work with DeepSpeed.')
      : undefined,
  ),
];
