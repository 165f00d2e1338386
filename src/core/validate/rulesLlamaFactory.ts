// LLaMA-Factory cross-field rules (ids as in schemas/llamafactory.schema.json "x-rules"), from
// hparams/parser.py, finetuning_args.py and data_args.py at the schema's commit.
import type { Config, CrossFieldRule, RuleHit } from './ruleKit';
import { at, has, isSet, hit } from './ruleKit';

type Check = (c: Config) => RuleHit | undefined;
const LF = ['llamafactory'] as const;
const rule = (
  id: string,
  severity: CrossFieldRule['severity'],
  source: string,
  check: Check,
): CrossFieldRule => ({ id, dialects: LF, severity, source, check });

/** finetuning_type defaults to lora in FinetuningArguments. */
const ft = (c: Config): unknown => (has(c, 'finetuning_type') ? c.finetuning_type : 'lora');
const stage = (c: Config): unknown => (has(c, 'stage') ? c.stage : 'sft');
const quantized = (c: Config): boolean => c.quantization_bit !== undefined && c.quantization_bit !== null;

export const LLAMAFACTORY_RULES: readonly CrossFieldRule[] = [
  rule('lf-quantization-needs-lora', 'error', 'hparams/parser.py _verify_model_args', (c) =>
    quantized(c) && ft(c) !== 'lora' && ft(c) !== 'oft'
      ? hit(
          ['finetuning_type'],
          'value',
          `\`quantization_bit: ${String(c.quantization_bit)}\` needs LoRA or OFT; LLaMA-Factory stops with finetuning_type ${String(ft(c))}.`,
        )
      : undefined,
  ),
  rule('lf-adapter-needs-lora', 'error', 'hparams/parser.py _verify_model_args', (c) =>
    isSet(c.adapter_name_or_path) && ft(c) !== 'lora'
      ? hit(
          ['adapter_name_or_path'],
          'key',
          `\`adapter_name_or_path\` is only valid with finetuning_type lora (here: ${String(ft(c))}).`,
        )
      : undefined,
  ),
  rule('lf-quantization-resize-vocab', 'error', 'hparams/parser.py _verify_model_args', (c) =>
    quantized(c) && c.resize_vocab === true
      ? hit(
          ['resize_vocab'],
          'key',
          'Embedding layers of a quantized model cannot be resized; drop `resize_vocab` or `quantization_bit`.',
        )
      : undefined,
  ),
  rule('lf-quantization-pissa', 'error', 'hparams/parser.py _verify_model_args', (c) =>
    quantized(c) && c.pissa_init === true
      ? hit(
          ['pissa_init'],
          'key',
          'PiSSA on a quantized model must be initialised with scripts/pissa_init.py first; LLaMA-Factory stops here.',
        )
      : undefined,
  ),
  rule(
    'lf-lora-only-options',
    'error',
    'hparams/finetuning_args.py FinetuningArguments.__post_init__',
    (c) => {
      if (ft(c) === 'lora') return undefined;
      const k = ['loraplus_lr_ratio', 'use_rslora', 'use_dora', 'pissa_init'].find((o) =>
        o === 'loraplus_lr_ratio' ? c[o] !== undefined && c[o] !== null : c[o] === true,
      );
      return k
        ? hit(
            [k],
            'key',
            `\`${k}\` is only valid for LoRA training (finetuning_type here: ${String(ft(c))}); LLaMA-Factory stops at launch.`,
          )
        : undefined;
    },
  ),
  rule(
    'lf-lora-keys-ignored',
    'warning',
    'hparams/finetuning_args.py (the LoRA adapter is only built for finetuning_type lora)',
    (c) => {
      if (ft(c) === 'lora') return undefined;
      const k = ['lora_rank', 'lora_alpha', 'lora_dropout', 'lora_target'].find((o) => has(c, o));
      return k
        ? hit(
            [k],
            'key',
            `\`${k}\` has no effect with finetuning_type ${String(ft(c))}; LoRA settings apply to LoRA only.`,
          )
        : undefined;
    },
  ),
  rule('lf-lora-with-galore', 'error', 'hparams/finetuning_args.py __post_init__', (c) => {
    const k = ['use_galore', 'use_apollo', 'use_badam'].find((o) => c[o] === true);
    return ft(c) === 'lora' && k ? hit([k], 'key', `\`${k}\` cannot be combined with LoRA.`) : undefined;
  }),
  rule('lf-one-memory-optimizer', 'error', 'hparams/finetuning_args.py __post_init__', (c) => {
    const on = ['use_galore', 'use_apollo', 'use_badam'].filter((o) => c[o] === true);
    return on.length > 1
      ? hit([on[1]], 'key', `Only one of GaLore, APOLLO or BAdam can be used (here: ${on.join(', ')}).`)
      : undefined;
  }),
  rule('lf-llama-pro-full', 'error', 'hparams/finetuning_args.py __post_init__', (c) =>
    c.use_llama_pro === true && ft(c) === 'full'
      ? hit(['use_llama_pro'], 'key', '`use_llama_pro` is only valid for Freeze or LoRA training.')
      : undefined,
  ),
  rule('lf-ppo-reward-model', 'error', 'hparams/finetuning_args.py __post_init__', (c) =>
    stage(c) === 'ppo' && !isSet(c.reward_model)
      ? hit(at(c, 'stage', 'stage'), 'value', '`stage: ppo` needs `reward_model`.')
      : undefined,
  ),
  rule('lf-dpo-label-smoothing', 'error', 'hparams/finetuning_args.py __post_init__', (c) =>
    stage(c) === 'dpo' &&
    (c.pref_loss ?? 'sigmoid') !== 'sigmoid' &&
    typeof c.dpo_label_smoothing === 'number' &&
    c.dpo_label_smoothing > 1e-6
      ? hit(['dpo_label_smoothing'], 'key', '`dpo_label_smoothing` only works with `pref_loss: sigmoid`.')
      : undefined,
  ),
  rule('lf-sft-only-options', 'error', 'hparams/parser.py get_train_args', (c) => {
    if (stage(c) === 'sft') return undefined;
    const k =
      ['neat_packing', 'train_on_prompt', 'mask_history'].find((o) => c[o] === true) ??
      (c.predict_with_generate === true && c.do_train === true ? 'predict_with_generate' : undefined);
    return k
      ? hit([k], 'key', `\`${k}\` only works in the SFT stage (stage here: ${String(stage(c))}).`)
      : undefined;
  }),
  rule('lf-mask-history-train-on-prompt', 'error', 'hparams/data_args.py', (c) =>
    c.mask_history === true && c.train_on_prompt === true
      ? hit(['mask_history'], 'key', '`mask_history` is incompatible with `train_on_prompt`.')
      : undefined,
  ),
  rule('lf-val-size-needs-dataset', 'error', 'hparams/data_args.py', (c) =>
    typeof c.val_size === 'number' && c.val_size > 1e-6 && (!isSet(c.dataset) || isSet(c.eval_dataset))
      ? hit(['val_size'], 'key', '`val_size` needs `dataset` and cannot be combined with `eval_dataset`.')
      : undefined,
  ),
  rule('lf-streaming-max-steps', 'error', 'hparams/parser.py get_train_args', (c) =>
    c.streaming === true && c.do_train === true && !(typeof c.max_steps === 'number' && c.max_steps > 0)
      ? hit(
          ['streaming'],
          'key',
          'Streaming training needs a positive `max_steps` (the dataset length is unknown).',
        )
      : undefined,
  ),
  rule('lf-streaming-max-samples', 'error', 'hparams/data_args.py', (c) =>
    c.streaming === true && isSet(c.max_samples)
      ? hit(['max_samples'], 'key', '`max_samples` is incompatible with `streaming`.')
      : undefined,
  ),
  rule('lf-rm-ppo-best-model', 'error', 'hparams/parser.py get_train_args', (c) =>
    (stage(c) === 'rm' || stage(c) === 'ppo') && c.load_best_model_at_end === true
      ? hit(['load_best_model_at_end'], 'key', 'RM and PPO stages do not support `load_best_model_at_end`.')
      : undefined,
  ),
  rule('lf-fp8-quantization', 'error', 'hparams/parser.py get_train_args', (c) =>
    c.fp8 === true && quantized(c)
      ? hit(['fp8'], 'key', 'FP8 training is not compatible with `quantization_bit`; disable one of them.')
      : undefined,
  ),
  rule('lf-upcast-layernorm', 'warning', 'hparams/parser.py get_train_args', (c) =>
    quantized(c) && c.do_train === true && c.upcast_layernorm !== true
      ? hit(
          ['quantization_bit'],
          'key',
          'LLaMA-Factory recommends `upcast_layernorm: true` for quantized training.',
        )
      : undefined,
  ),
  rule('lf-mixed-precision', 'information', 'hparams/parser.py get_train_args', (c) =>
    c.do_train === true && c.bf16 !== true && c.fp16 !== true && c.pure_bf16 !== true
      ? hit(
          ['do_train'],
          'key',
          'Mixed precision (`bf16: true` or `fp16: true`) is recommended for training; it halves activation memory.',
        )
      : undefined,
  ),
  rule('lf-bf16-fp16', 'error', 'transformers training_args.py TrainingArguments.__post_init__', (c) =>
    c.bf16 === true && c.fp16 === true
      ? hit(
          ['fp16'],
          'key',
          'Both `bf16` and `fp16` are on; the trainer accepts one mixed-precision mode and stops.',
        )
      : undefined,
  ),
  rule('lf-predict-needs-generate', 'error', 'hparams/parser.py get_train_args', (c) =>
    stage(c) === 'sft' && c.do_predict === true && c.predict_with_generate !== true
      ? hit(
          ['do_predict'],
          'key',
          '`do_predict` in the SFT stage needs `predict_with_generate: true` to save predictions.',
        )
      : undefined,
  ),
  rule('lf-train-needs-dataset', 'error', 'hparams/parser.py get_train_args', (c) =>
    c.do_train === true && !isSet(c.dataset)
      ? hit(['do_train'], 'key', '`do_train: true` needs a `dataset`.')
      : undefined,
  ),
  rule('lf-interleave-probs-concat', 'error', 'hparams/data_args.py', (c) =>
    isSet(c.interleave_probs) && (c.mix_strategy ?? 'concat') === 'concat'
      ? hit(
          ['interleave_probs'],
          'key',
          '`interleave_probs` only applies to interleaved mixing (`mix_strategy: interleave_under` or `interleave_over`).',
        )
      : undefined,
  ),
  rule('lf-image-pixels', 'error', 'hparams/model_args.py', (c) =>
    typeof c.image_max_pixels === 'number' &&
    typeof c.image_min_pixels === 'number' &&
    c.image_max_pixels < c.image_min_pixels
      ? hit(['image_max_pixels'], 'value', '`image_max_pixels` cannot be smaller than `image_min_pixels`.')
      : undefined,
  ),
];

const V1 = ['llamafactory-v1'] as const;
const v1 = (id: string, severity: CrossFieldRule['severity'], check: Check): CrossFieldRule => ({
  id,
  dialects: V1,
  severity,
  source: 'v1/config/training_args.py TrainingArguments.__post_init__',
  check,
});

/** LLaMA-Factory v1 (examples/v1, `llamafactory-cli v1`), ids as in schemas/llamafactory-v1.schema.json. */
export const LLAMAFACTORY_V1_RULES: readonly CrossFieldRule[] = [
  v1('lfv1-dynamic-batching-max-steps', 'error', (c) =>
    c.batching_strategy === 'dynamic_batching' && !(typeof c.max_steps === 'number' && c.max_steps > 0)
      ? hit(
          ['batching_strategy'],
          'value',
          '`dynamic_batching` is step-driven and needs a positive `max_steps`.',
        )
      : undefined,
  ),
  v1('lfv1-dynamic-batching-save-epochs', 'error', (c) =>
    c.batching_strategy === 'dynamic_batching' && isSet(c.save_epochs)
      ? hit(['save_epochs'], 'key', '`save_epochs` does not work with `dynamic_batching`; use `save_steps`.')
      : undefined,
  ),
  v1('lfv1-optim-lr', 'warning', (c) => {
    const optim = c.optim_config;
    return optim && typeof optim === 'object' && isSet((optim as Config).lr)
      ? hit(
          ['optim_config', 'lr'],
          'key',
          '`optim_config.lr` is overridden by `learning_rate`; set the learning rate there.',
        )
      : undefined;
  }),
];
