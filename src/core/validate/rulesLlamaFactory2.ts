// LLaMA-Factory launch checks beyond rulesLlamaFactory.ts / rulesLlamaFactoryLaunch.ts, one per
// site of ledger/llamafactory.json, read at the schema's commit ff6d4d1 (src/llamafactory/hparams/).
// Severity as LLaMA-Factory behaves: raise/assert -> error, logger.warning -> warning, a value it
// replaces -> warning saying what the value becomes.
import type { Config, CrossFieldRule, RuleHit } from './ruleKit';
import { at, has, hit, isSet } from './ruleKit';

type Check = (c: Config) => RuleHit | undefined;
const LF = ['llamafactory'] as const;
const AT = 'llamafactory@ff6d4d1 src/llamafactory/hparams/';
const rule = (
  id: string,
  severity: CrossFieldRule['severity'],
  source: string,
  check: Check,
): CrossFieldRule => ({ id, dialects: LF, severity, source: AT + source, check });

const ft = (c: Config): unknown => (has(c, 'finetuning_type') ? c.finetuning_type : 'lora');
const stage = (c: Config): unknown => (has(c, 'stage') ? c.stage : 'sft');
const quantized = (c: Config): boolean => c.quantization_bit !== undefined && c.quantization_bit !== null;
/** HfArgumentParser splits comma lists for these (model_args.py:211, data_args.py:150). */
const list = (v: unknown): string[] =>
  Array.isArray(v) ? v.map(String) : typeof v === 'string' ? v.split(',').map((s) => s.trim()) : [];
const reportTo = (c: Config): string[] => list(c.report_to);
const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
/** A config that runs get_train_args and only evaluates (do_train false, do_eval/do_predict on). */
const evalOnly = (c: Config): boolean => c.do_train !== true && (c.do_eval === true || c.do_predict === true);
/** KTransformersArguments._KT_DERIVED_KEYS (model_args.py:510-527): set by LLaMA-Factory from its own arguments. */
const KT_DERIVED = new Set([
  'enabled',
  'kt_activation_policy',
  'kt_expert_checkpoint_path',
  'kt_full_weight_grad',
  'kt_lora_alpha',
  'kt_lora_dropout',
  'kt_lora_expert_intermediate_size',
  'kt_lora_expert_num',
  'kt_lora_rank',
  'kt_non_expert_weight_path',
  'kt_skip_expert_loading',
  'kt_train_mode',
  'kt_use_lora_experts',
  'kt_weight_path',
]);
const q = (s: string): string => `LLaMA-Factory raises "${s}"`;

export const LLAMAFACTORY_RULES_2: readonly CrossFieldRule[] = [
  rule(
    'lf-ppo-reward-model-type',
    'error',
    'finetuning_args.py:604,607 FinetuningArguments.__post_init__',
    (c) => {
      if (stage(c) !== 'ppo') return undefined;
      const rmt = has(c, 'reward_model_type') ? c.reward_model_type : 'lora';
      return (rmt === 'lora' || rmt === 'oft') && ft(c) !== rmt
        ? hit(
            at(c, 'reward_model_type', 'finetuning_type'),
            'key',
            `\`reward_model_type: ${String(rmt)}\` (the default is lora) needs finetuning_type ${String(rmt)}; ${q(`\`reward_model_type\` cannot be ${String(rmt)} for Freeze/Full PPO training.`)}`,
          )
        : undefined;
    },
  ),
  rule('lf-pissa-stage', 'error', 'finetuning_args.py:622 FinetuningArguments.__post_init__', (c) => {
    const usesRef = stage(c) === 'dpo' && !['orpo', 'simpo'].includes(String(c.pref_loss ?? 'sigmoid'));
    return c.pissa_init === true && (stage(c) === 'ppo' || stage(c) === 'kto' || usesRef)
      ? hit(
          ['pissa_init'],
          'key',
          `PiSSA cannot be used in stage ${String(stage(c))}${usesRef ? ' with a reference model' : ''}; ${q('Cannot use PiSSA for current training stage.')}`,
        )
      : undefined;
  }),
  rule(
    'lf-quantization-bits-assert',
    'error',
    'finetuning_args.py:596-598 FinetuningArguments.__post_init__ (assert)',
    (c) => {
      const k = ['ref_model_quantization_bit', 'reward_model_quantization_bit'].find(
        (o) => isSet(c[o]) && c[o] !== 4 && c[o] !== 8,
      );
      if (k)
        return hit(
          [k],
          'value',
          `\`${k}: ${String(c[k])}\`: LLaMA-Factory asserts "We only accept 4-bit or 8-bit quantization."`,
        );
      const cp = num(c.hyper_parallel_cp_size);
      return cp !== undefined && cp <= 0
        ? hit(
            ['hyper_parallel_cp_size'],
            'value',
            'LLaMA-Factory asserts "`hyper_parallel_cp_size` must be greater than 0."',
          )
        : undefined;
    },
  ),
  rule('lf-quantized-adapters', 'error', 'parser.py:246,249 _verify_model_args', (c) => {
    if (!quantized(c) || !isSet(c.adapter_name_or_path)) return undefined;
    if (c.create_new_adapter === true)
      return hit(['create_new_adapter'], 'key', q('Cannot create new adapter upon a quantized model.'));
    const n = list(c.adapter_name_or_path).length;
    return n !== 1
      ? hit(
          ['adapter_name_or_path'],
          'value',
          `${n} adapters on a quantized model: ${q('Quantized model only accepts a single adapter. Merge them first.')}`,
        )
      : undefined;
  }),
  rule('lf-ppo-options', 'error', 'parser.py:452-466 get_train_args', (c) => {
    if (stage(c) !== 'ppo') return undefined;
    if (c.do_train !== true)
      return hit(
        at(c, 'do_train', 'stage'),
        'key',
        `PPO runs only with \`do_train: true\`; ${q('PPO training does not support evaluation, use the SFT stage to evaluate models.')}`,
      );
    if (c.shift_attn === true)
      return hit(['shift_attn'], 'key', q('PPO training is incompatible with S^2-Attn.'));
    const lora = (has(c, 'reward_model_type') ? c.reward_model_type : 'lora') === 'lora';
    if (lora && c.use_kt === true)
      return hit(['use_kt'], 'key', q('KTransformers does not support lora reward model.'));
    if (lora && c.use_unsloth === true)
      return hit(['use_unsloth'], 'key', q('Unsloth does not support lora reward model.'));
    // `all` is expanded by transformers to the installed integrations, known only at runtime.
    const bad = reportTo(c).filter((r) => !['wandb', 'tensorboard', 'trackio', 'none', 'all'].includes(r));
    return bad.length
      ? hit(
          ['report_to'],
          'value',
          `report_to ${bad.join(', ')}: ${q('PPO only accepts wandb, tensorboard, or trackio logger.')}`,
        )
      : undefined;
  }),
  rule('lf-predict-compute-accuracy', 'error', 'parser.py:490 get_train_args', (c) =>
    c.predict_with_generate === true && c.compute_accuracy === true
      ? hit(
          ['compute_accuracy'],
          'key',
          q('Cannot use `predict_with_generate` and `compute_accuracy` together.'),
        )
      : undefined,
  ),
  rule('lf-quantization-device-map-train', 'error', 'parser.py:493 get_train_args', (c) =>
    c.do_train === true && c.quantization_device_map === 'auto'
      ? hit(['quantization_device_map'], 'key', q('Cannot use device map for quantized models in training.'))
      : undefined,
  ),
  rule('lf-galore-deepspeed', 'error', 'parser.py:519 get_train_args', (c) => {
    const k = ['use_galore', 'use_apollo'].find((o) => c[o] === true);
    return k && isSet(c.deepspeed)
      ? hit([k], 'key', q('GaLore and APOLLO are incompatible with DeepSpeed yet.'))
      : undefined;
  }),
  rule('lf-infer-backend-train', 'error', 'parser.py:530 get_train_args, parser.py:714 get_eval_args', (c) =>
    (c.do_train === true || isSet(c.task)) && has(c, 'infer_backend') && c.infer_backend !== 'huggingface'
      ? hit(
          ['infer_backend'],
          'value',
          `Training and evaluation run on the Hugging Face backend; ${q('vLLM/SGLang backend is only available for API, CLI and Web.')}`,
        )
      : undefined,
  ),
  rule('lf-vllm-infer', 'error', 'parser.py:678-687 get_infer_args', (c) => {
    if (c.infer_backend !== 'vllm' || c.do_train === true) return undefined;
    if (stage(c) !== 'sft')
      return hit(['stage'], 'value', q('vLLM engine only supports auto-regressive models.'));
    if (quantized(c))
      return hit(
        ['quantization_bit'],
        'key',
        q('vLLM engine does not support bnb quantization (GPTQ and AWQ are supported).'),
      );
    if (isSet(c.rope_scaling))
      return hit(['rope_scaling'], 'key', q('vLLM engine does not support RoPE scaling.'));
    return isSet(c.adapter_name_or_path) && list(c.adapter_name_or_path).length !== 1
      ? hit(['adapter_name_or_path'], 'value', q('vLLM only accepts a single adapter. Merge them first.'))
      : undefined;
  }),
  rule('lf-fp8-all-gather', 'warning', 'parser.py:549 get_train_args (sets fp8=True)', (c) =>
    c.fp8_enable_fsdp_float8_all_gather === true && c.fp8 !== true
      ? hit(
          at(c, 'fp8', 'fp8_enable_fsdp_float8_all_gather'),
          'key',
          `fp8 becomes true: LLaMA-Factory warns "fp8_enable_fsdp_float8_all_gather requires fp8=True. Setting fp8=True."`,
        )
      : undefined,
  ),
  rule('lf-resize-vocab-additional-target', 'warning', 'parser.py:559 get_train_args', (c) =>
    c.do_train === true &&
    ft(c) === 'lora' &&
    !quantized(c) &&
    c.resize_vocab === true &&
    !isSet(c.additional_target)
      ? hit(
          ['resize_vocab'],
          'key',
          'New token embeddings stay frozen under LoRA: LLaMA-Factory warns "Remember to add embedding layers to `additional_target` to make the added tokens trainable."',
        )
      : undefined,
  ),
  rule('lf-galore-mixed-precision', 'warning', 'parser.py:574 get_train_args', (c) => {
    const k = ['use_galore', 'use_apollo'].find((o) => c[o] === true);
    return c.do_train === true && k && c.pure_bf16 !== true
      ? hit(
          [k],
          'key',
          'LLaMA-Factory warns "Using GaLore or APOLLO with mixed precision training may significantly increases GPU memory usage."; `pure_bf16: true` avoids it.',
        )
      : undefined;
  }),
  rule('lf-eval-quantized', 'warning', 'parser.py:579 get_train_args', (c) =>
    evalOnly(c) && quantized(c)
      ? hit(
          ['quantization_bit'],
          'key',
          'LLaMA-Factory warns "Evaluating model in 4/8-bit mode may cause lower scores."',
        )
      : undefined,
  ),
  rule('lf-dpo-eval-ref-model', 'warning', 'parser.py:582 get_train_args', (c) =>
    evalOnly(c) && stage(c) === 'dpo' && !isSet(c.ref_model)
      ? hit(
          ['stage'],
          'value',
          'No `ref_model` for DPO evaluation: LLaMA-Factory warns "Specify `ref_model` for computing rewards at evaluation."',
        )
      : undefined,
  ),
  rule(
    'lf-remove-unused-columns',
    'warning',
    'parser.py:587 get_train_args (sets remove_unused_columns=False)',
    (c) =>
      c.remove_unused_columns === true
        ? hit(
            ['remove_unused_columns'],
            'value',
            'remove_unused_columns becomes false: get_train_args always sets it to False (multimodal datasets need every column).',
          )
        : undefined,
  ),
  rule(
    'lf-swanlab-report-to',
    'warning',
    'parser.py:594 get_train_args (removes swanlab from report_to)',
    (c) =>
      c.use_swanlab === true && reportTo(c).includes('swanlab')
        ? hit(
            ['report_to'],
            'value',
            '"swanlab" is removed from report_to because `use_swanlab: true` attaches SwanLab through its own callback.',
          )
        : undefined,
  ),
  rule(
    'lf-resume-stage',
    'warning',
    'parser.py:607-608 get_train_args (sets resume_from_checkpoint=None)',
    (c) =>
      (stage(c) === 'rm' || stage(c) === 'ppo') &&
      (ft(c) === 'full' || ft(c) === 'freeze') &&
      isSet(c.resume_from_checkpoint)
        ? hit(
            ['resume_from_checkpoint'],
            'key',
            `resume_from_checkpoint becomes None (stage ${String(stage(c))}, ${String(ft(c))}): LLaMA-Factory warns "Cannot resume from checkpoint in current stage."`,
          )
        : undefined,
  ),
  rule('lf-rm-ppo-lora-resume', 'warning', 'parser.py:635 get_train_args', (c) =>
    (stage(c) === 'rm' || stage(c) === 'ppo') && ft(c) === 'lora' && isSet(c.resume_from_checkpoint)
      ? hit(
          ['resume_from_checkpoint'],
          'key',
          `LLaMA-Factory warns "Add ${String(c.resume_from_checkpoint)} to \`adapter_name_or_path\` to resume training from checkpoint."`,
        )
      : undefined,
  ),
  rule('lf-trackio', 'error', 'parser.py:184 _verify_trackio_args', (c) => {
    if (!reportTo(c).includes('trackio')) return undefined;
    if (has(c, 'project') && !isSet(c.project))
      return hit(['project'], 'key', q('`--project` must be specified when using Trackio.'));
    return undefined;
  }),
  rule('lf-trackio-space-id', 'warning', 'parser.py:190 _verify_trackio_args', (c) => {
    const id = c.trackio_space_id;
    return reportTo(c).includes('trackio') &&
      typeof id === 'string' &&
      id &&
      id !== 'trackio' &&
      !id.includes('/')
      ? hit(
          ['trackio_space_id'],
          'value',
          `LLaMA-Factory warns "trackio_space_id '${id}' should typically be in format 'org/space' for Hugging Face Spaces deployment."`,
        )
      : undefined;
  }),
  rule('lf-streaming-val-size', 'error', 'data_args.py:177 DataArguments.__post_init__', (c) => {
    const v = num(c.val_size);
    return c.streaming === true && v !== undefined && v > 1e-6 && v < 1
      ? hit(['val_size'], 'value', q('Streaming mode should have an integer val size.'))
      : undefined;
  }),
  rule('lf-interleave-probs-length', 'error', 'data_args.py:171,174 DataArguments.__post_init__', (c) => {
    if (!isSet(c.interleave_probs) || (c.mix_strategy ?? 'concat') === 'concat') return undefined;
    const n = list(c.interleave_probs).length;
    const k = ['dataset', 'eval_dataset'].find((o) => isSet(c[o]) && list(c[o]).length !== n);
    return k
      ? hit(
          ['interleave_probs'],
          'value',
          `${n} interleave_probs for ${list(c[k]).length} ${k} entries: ${q(`The length of ${k === 'dataset' ? 'dataset' : 'eval dataset'} and interleave probs should be identical.`)}`,
        )
      : undefined;
  }),
  rule(
    'lf-neat-packing-packing',
    'warning',
    'data_args.py:185-186 DataArguments.__post_init__ (sets packing=True)',
    (c) =>
      c.neat_packing === true && c.packing === false
        ? hit(['packing'], 'value', 'packing becomes true: `neat_packing: true` turns packing on.')
        : undefined,
  ),
  rule('lf-video-pixels', 'error', 'model_args.py:351 ProcessorArguments.__post_init__', (c) =>
    typeof c.video_max_pixels === 'number' &&
    typeof c.video_min_pixels === 'number' &&
    c.video_max_pixels < c.video_min_pixels
      ? hit(['video_max_pixels'], 'value', q('`video_max_pixels` cannot be smaller than `video_min_pixels`.'))
      : undefined,
  ),
  rule('lf-export-quantization-dataset', 'error', 'model_args.py:397 ExportArguments.__post_init__', (c) =>
    isSet(c.export_quantization_bit) && !isSet(c.export_quantization_dataset)
      ? hit(['export_quantization_bit'], 'key', q('Quantization dataset is necessary for exporting.'))
      : undefined,
  ),
  // Only when the file writes the key empty: a file without it may get it on the command line
  // (`llamafactory-cli train f.yaml model_name_or_path=...`) or be a fragment of a larger config.
  rule('lf-model-name-required', 'error', 'model_args.py:208 BaseModelArguments.__post_init__', (c) =>
    has(c, 'model_name_or_path') && !isSet(c.model_name_or_path)
      ? hit(['model_name_or_path'], 'key', q('Please provide `model_name_or_path`.'))
      : undefined,
  ),
  rule(
    'lf-special-tokens-config',
    'warning',
    'model_args.py:234,268 BaseModelArguments.__post_init__',
    (c) => {
      if (isSet(c.new_special_tokens_config) && isSet(c.add_special_tokens))
        return hit(
          ['add_special_tokens'],
          'key',
          "add_special_tokens is replaced by the tokens of new_special_tokens_config: LLaMA-Factory warns \"Both 'new_special_tokens_config' and 'add_special_tokens' are set.\"",
        );
      const init = c.init_special_tokens;
      return (init === 'desc_init' || init === 'desc_init_w_noise') && !isSet(c.new_special_tokens_config)
        ? hit(
            ['init_special_tokens'],
            'value',
            `init_special_tokens becomes noise_init: LLaMA-Factory warns "init_special_tokens='${init}' requires new_special_tokens_config. Falling back to 'noise_init'"`,
          )
        : undefined;
    },
  ),
  rule('lf-kt-options', 'error', 'model_args.py:533,540,589-600,619,654,709 KTransformersArguments', (c) => {
    if (c.use_kt !== true)
      return isSet(c.kt_cpu_activation)
        ? hit(['kt_cpu_activation'], 'key', q('`kt_cpu_activation` is only valid when `use_kt: true`.'))
        : undefined;
    if (has(c, 'infer_backend') && c.infer_backend !== 'huggingface')
      return hit(
        ['infer_backend'],
        'value',
        q('KTransformers inference requires `infer_backend: huggingface`.'),
      );
    if (c.kt_cpu_activation === 'recompute' && c.disable_gradient_checkpointing === true)
      return hit(
        ['kt_cpu_activation'],
        'value',
        q('`kt_cpu_activation: recompute` requires GPU gradient checkpointing.'),
      );
    const k = ['use_unsloth', 'use_unsloth_gc'].find((o) => c[o] === true);
    if (k) return hit([k], 'key', q('KTransformers cannot be combined with Unsloth checkpoint wrapping.'));
    if (c.gradient_checkpointing === true)
      return hit(
        ['gradient_checkpointing'],
        'key',
        q(
          "KTransformers uses LLaMA-Factory's `disable_gradient_checkpointing`; remove `gradient_checkpointing: true`.",
        ),
      );
    if (isSet(c.gradient_checkpointing_kwargs))
      return hit(
        ['gradient_checkpointing_kwargs'],
        'key',
        q('KTransformers supplies its checkpoint context; remove `gradient_checkpointing_kwargs`.'),
      );
    const fsdp = c.fsdp_config;
    if (fsdp && typeof fsdp === 'object' && isSet((fsdp as Config).activation_checkpointing))
      return hit(
        ['fsdp_config'],
        'key',
        q('Disable FSDP activation checkpointing when using KTransformers.'),
      );
    if (c.do_train === true && ft(c) !== 'lora' && ft(c) !== 'full')
      return hit(
        at(c, 'finetuning_type', 'use_kt'),
        'value',
        q('KTransformers supports LoRA and full-parameter finetuning.'),
      );
    return isSet(c.adapter_name_or_path) && list(c.adapter_name_or_path).length !== 1
      ? hit(['adapter_name_or_path'], 'value', q('KTransformers accepts a single `adapter_name_or_path`.'))
      : undefined;
  }),
  rule('lf-kt-config', 'error', 'model_args.py:569,629,706 KTransformersArguments (kt_config)', (c) => {
    const kc = c.kt_config;
    if (!isSet(kc)) return undefined;
    if (c.use_kt !== true)
      return c.do_train === true
        ? undefined
        : hit(['kt_config'], 'key', q('`kt_config` requires `use_kt: true`.'));
    if (typeof kc !== 'object' || Array.isArray(kc)) return undefined;
    const m = kc as Config;
    const derived = Object.keys(m)
      .filter(
        (k) => KT_DERIVED.has(k) && !((k === 'enabled' || k === 'kt_skip_expert_loading') && m[k] === true),
      )
      .sort();
    if (derived.length)
      return hit(
        ['kt_config', derived[0]],
        'key',
        `${q(`These \`kt_config\` values are derived from LLaMA-Factory arguments: ${derived.join(', ')}.`)}`,
      );
    const cap = m.kt_model_max_length;
    return cap !== undefined && cap !== null && !(Number.isInteger(Number(cap)) && Number(cap) > 0)
      ? hit(
          ['kt_config', 'kt_model_max_length'],
          'value',
          q('`kt_model_max_length` must be a positive integer.'),
        )
      : undefined;
  }),
];
