// Axolotl ledger rules, part 1: the dataset, training, evaluation, LoRA and RL validators of
// src/axolotl/utils/schemas/validation.py at 067b021 (Axolotl 0.18.0); file:line per rule, and each
// site in ledger/axolotl.json. Conditions follow the validators' `data.get(...)` truthiness.
import type { Config, CrossFieldRule } from './ruleKit';
import {
  attnImpl,
  attnSupportsPacking,
  axRule,
  given,
  hit,
  num,
  obj,
  setFix,
  truthy,
} from './rulesAxolotlLedgerKit';

const V = 'utils/schemas/validation.py:';
const gcKwargs = (c: Config): Config => obj(c.gradient_checkpointing_kwargs);
const KERNELS = ['lora_mlp_kernel', 'lora_qkv_kernel', 'lora_o_kernel'];
const MISTRAL_EDITS = [
  'added_tokens_overrides',
  'special_tokens',
  'tokens',
  'chat_template',
  'processor_kwargs',
];
const METRICS = ['sacrebleu', 'comet', 'ter', 'chrf', 'perplexity'];

export const AXOLOTL_LEDGER_RULES: readonly CrossFieldRule[] = [
  axRule('ax-pretraining-without-streaming', 'warning', `${V}91`, (c) =>
    truthy(c.pretraining_dataset) && !truthy(c.streaming)
      ? hit(
          ['pretraining_dataset'],
          'key',
          'Axolotl warns: `pretraining_dataset` without `streaming: true` is deprecated; a future release will not turn streaming on by itself.',
          setFix('streaming', 'true'),
        )
      : undefined,
  ),
  axRule('ax-push-dataset-auth', 'error', `${V}107`, (c) =>
    truthy(c.push_dataset_to_hub) && c.hf_use_auth_token !== true
      ? hit(
          ['push_dataset_to_hub'],
          'key',
          'Axolotl raises: "Require cfg.hf_use_auth_token to be True for push_dataset_to_hub".',
          setFix('hf_use_auth_token', 'true'),
        )
      : undefined,
  ),
  axRule('ax-bench-eval-empty-test-dataset', 'warning', `${V}129`, (c) =>
    truthy(c.do_bench_eval) && !truthy(c.test_datasets) && !truthy(c.val_set_size)
      ? hit(
          ['do_bench_eval'],
          'key',
          '`do_bench_eval` without `test_datasets` or `val_set_size`: Axolotl sets `test_datasets` to the empty dataset axolotl-ai-co/empty-test-ds.',
        )
      : undefined,
  ),
  axRule('ax-eval-table-size-packing', 'error', `${V}145`, (c) =>
    truthy(c.sample_packing) && truthy(c.eval_table_size) && c.eval_sample_packing !== false
      ? hit(
          ['eval_table_size'],
          'key',
          'Axolotl raises: "eval_table_size and eval_sample_packing are not supported together with sample_packing."',
          setFix('eval_sample_packing', 'false'),
        )
      : undefined,
  ),
  axRule('ax-sample-packing-attention', 'warning', `${V}190`, (c) => {
    const impl = attnImpl(c);
    if (!truthy(c.sample_packing) || attnSupportsPacking(c) || impl === 'sdpa' || impl === 'eager')
      return undefined;
    return impl
      ? hit(
          ['attn_implementation'],
          'value',
          `\`sample_packing\` with \`attn_implementation: ${impl}\` does not keep packed samples apart (Axolotl warns); use flash_attention_2, flex_attention, sdpa or eager.`,
        )
      : hit(
          ['sample_packing'],
          'key',
          '`sample_packing` without an attention backend does not keep packed samples apart (Axolotl warns); set `attn_implementation` (e.g. flash_attention_2).',
          { ...setFix('attn_implementation', 'flash_attention_2'), preferred: false },
        );
  }),
  axRule('ax-scaling-softmax-flex', 'error', `${V}208`, (c) =>
    truthy(c.scaling_softmax) && attnImpl(c) !== 'flex_attention'
      ? hit(
          ['scaling_softmax'],
          'key',
          'Axolotl raises: "scaling_softmax requires flex attention. Add `attn_implementation: flex_attention` to your config."',
        )
      : undefined,
  ),
  axRule('ax-reward-model-pad', 'warning', `${V}248`, (c) =>
    truthy(c.reward_model) && !truthy(c.pad_to_sequence_len)
      ? hit(
          ['reward_model'],
          'key',
          'Axolotl warns: "`pad_to_sequence_len: true` is recommended when using reward_model"' +
            (given(c.pad_to_sequence_len) ? '.' : ' and sets it to true.'),
          setFix('pad_to_sequence_len', 'true'),
        )
      : undefined,
  ),
  axRule('ax-eval-batch-size-mismatch', 'warning', `${V}289`, (c) =>
    truthy(c.eval_batch_size) && truthy(c.micro_batch_size) && c.eval_batch_size !== c.micro_batch_size
      ? hit(
          ['eval_batch_size'],
          'value',
          'Axolotl warns: "eval_batch_size != micro_batch_size. This can lead to VRAM instability."',
        )
      : undefined,
  ),
  axRule('ax-hub-model-id-no-save', 'warning', `${V}324`, (c) =>
    truthy(c.hub_model_id) && given(c.save_strategy) && !['steps', 'epoch'].includes(String(c.save_strategy))
      ? hit(
          ['save_strategy'],
          'value',
          `Axolotl warns: "hub_model_id is set without any models being saved" (\`save_strategy: ${String(c.save_strategy)}\`).`,
        )
      : undefined,
  ),
  axRule('ax-multipack-buffer-both', 'error', `${V}400`, (c) =>
    truthy(c.pretrain_multipack_buffer_size) && truthy(c.streaming_multipack_buffer_size)
      ? hit(
          ['pretrain_multipack_buffer_size'],
          'key',
          'Both set: Axolotl raises; remove the deprecated `pretrain_multipack_buffer_size`.',
        )
      : undefined,
  ),
  axRule('ax-fft-fp16-packing', 'warning', `${V}416`, (c) =>
    !(truthy(c.bf16) || truthy(c.bfloat16)) &&
    (truthy(c.fp16) || truthy(c.float16)) &&
    !truthy(c.adapter) &&
    !['flash_attention_2', 'flash_attention_3'].includes(attnImpl(c) ?? '') &&
    truthy(c.sample_packing)
      ? hit(
          ['sample_packing'],
          'key',
          'Axolotl warns: "Full fine tune w/o FA2 w/ sample packing and fp16/float16 is likely to raise errors. Try LoRA."',
        )
      : undefined,
  ),
  axRule('ax-fp8-without-compile', 'warning', `${V}428`, (c) =>
    truthy(c.fp8) && !truthy(c.torch_compile)
      ? hit(
          ['fp8'],
          'key',
          'Axolotl warns: torch_compile is strongly recommended for FP8 training to see speed improvements.',
          setFix('torch_compile', 'true'),
        )
      : undefined,
  ),
  axRule('ax-fp8-fsdp-activation-checkpointing', 'warning', `${V}438`, (c) => {
    const f = obj(c.fsdp_config);
    return truthy(c.fp8) && (f.activation_checkpointing === true || f.fsdp_activation_checkpointing === true)
      ? hit(
          ['fsdp_config'],
          'key',
          'Axolotl warns: "FP8 + FSDP2 + activation checkpointing may be slower than BF16 training."',
        )
      : undefined;
  }),
  axRule('ax-fp8-all-gather-fsdp2', 'error', `${V}447`, (c) => {
    const v = c.fsdp_version ?? obj(c.fsdp_config).fsdp_version ?? obj(c.fsdp_config).version;
    return truthy(c.fp8_enable_fsdp_float8_all_gather) && String(v) !== '2'
      ? hit(
          ['fp8_enable_fsdp_float8_all_gather'],
          'key',
          'Axolotl raises: "fp8_enable_fsdp_float8_all_gather requires FSDP2 (fsdp_version: 2) to be used."',
        )
      : undefined;
  }),
  axRule('ax-use-reentrant-unfrozen', 'error', `${V}464`, (c) =>
    truthy(c.unfrozen_parameters) && gcKwargs(c).use_reentrant === true
      ? hit(
          ['gradient_checkpointing_kwargs', 'use_reentrant'],
          'value',
          'Axolotl raises: "`use_reentrant` must be false when used with partially frozen model." (`unfrozen_parameters`)',
          {
            title: 'Set use_reentrant: false',
            path: ['gradient_checkpointing_kwargs', 'use_reentrant'],
            value: 'false',
          },
        )
      : undefined,
  ),
  axRule('ax-causal-lm-eval-packing', 'error', `${V}486`, (c) =>
    truthy(c.do_causal_lm_eval) && truthy(c.eval_sample_packing)
      ? hit(
          ['eval_sample_packing'],
          'value',
          'Axolotl raises: "do_causal_lm_eval is enabled, eval_sample_packing must be set to False".',
          setFix('eval_sample_packing', 'false'),
        )
      : undefined,
  ),
  axRule('ax-causal-lm-metrics', 'error', `${V}495`, (c) => {
    const m = c.eval_causal_lm_metrics;
    if (!truthy(m) || !Array.isArray(m)) return undefined;
    const bad = m.map(String).filter((x) => !METRICS.includes(x));
    return bad.length
      ? hit(
          ['eval_causal_lm_metrics'],
          'key',
          `Axolotl raises: eval_causal_lm_metrics must be among ${METRICS.join(', ')} (not ${bad.join(', ')}).`,
        )
      : undefined;
  }),
  axRule('ax-magistral-mistral-common', 'warning', `${V}512`, (c) =>
    !given(c.tokenizer_use_mistral_common) &&
    [c.base_model, c.base_model_config, c.tokenizer_config].some(
      (n) => typeof n === 'string' && n.toLowerCase().includes('magistral'),
    )
      ? hit(
          ['base_model'],
          'value',
          'Magistral model: Axolotl sets `tokenizer_use_mistral_common: true` (and warns); set it explicitly.',
          setFix('tokenizer_use_mistral_common', 'true'),
        )
      : undefined,
  ),
  axRule('ax-mistral-common-tokenizer-edits', 'error', `${V}540`, (c) => {
    const k = truthy(c.tokenizer_use_mistral_common) ? MISTRAL_EDITS.find((o) => truthy(c[o])) : undefined;
    return k
      ? hit(
          [k],
          'key',
          `\`${k}\` cannot be used with \`tokenizer_use_mistral_common\`: Axolotl raises (the mistral-common tokenizer cannot be edited).`,
        )
      : undefined;
  }),
  axRule('ax-pretraining-tokens-per-second', 'error', `${V}575`, (c) =>
    truthy(c.pretraining_dataset) && truthy(c.include_tokens_per_second)
      ? hit(
          ['include_tokens_per_second'],
          'key',
          'Axolotl raises: "pretraining_dataset and include_tokens_per_second cannot be used together."',
        )
      : undefined,
  ),
  axRule('ax-unfrozen-with-layers-to-transform', 'error', `${V}600`, (c) =>
    truthy(c.adapter) && truthy(c.peft_layers_to_transform) && truthy(c.unfrozen_parameters)
      ? hit(
          ['unfrozen_parameters'],
          'key',
          'Axolotl raises: "`unfrozen_parameters` used with `peft_layers_to_transform` can have unexpected behavior."',
        )
      : undefined,
  ),
  axRule('ax-fused-mlp-lora', 'error', `${V}617`, (c) =>
    (c.adapter === 'lora' || c.adapter === 'qlora') && truthy(c.flash_attn_fuse_mlp)
      ? hit(
          ['flash_attn_fuse_mlp'],
          'key',
          'Axolotl raises: "Fused modules are not supported with LoRA/QLoRA".',
        )
      : undefined,
  ),
  axRule('ax-onebitllms-lora', 'error', `${V}623`, (c) =>
    truthy(c.use_onebitllms) && (c.adapter === 'lora' || c.adapter === 'qlora')
      ? hit(['use_onebitllms'], 'key', 'Axolotl raises: "LoRA/QLoRA is not supported with use_onebitllms".')
      : undefined,
  ),
  axRule('ax-qlora-zero3-reentrant', 'warning', `${V}641`, (c) =>
    c.adapter === 'qlora' &&
    gcKwargs(c).use_reentrant === false &&
    typeof c.deepspeed === 'string' &&
    c.deepspeed.includes('zero3')
      ? hit(
          ['gradient_checkpointing_kwargs', 'use_reentrant'],
          'value',
          'Axolotl warns: "qlora + zero3 with use_reentrant: false may result in a CheckpointError about recomputed values".',
        )
      : undefined,
  ),
  axRule('ax-lora-kernels-8bit', 'error', `${V}655`, (c) => {
    const k = KERNELS.find((o) => truthy(c[o]));
    return k && c.adapter === 'lora' && truthy(c.load_in_8bit)
      ? hit(
          [k],
          'key',
          'Axolotl raises: "lora_mlp_kernel, lora_qkv_kernel, and lora_o_kernel are not compatible with 8-bit LoRA".',
        )
      : undefined;
  }),
  axRule('ax-lora-kernels-remote-code', 'error', `${V}675`, (c) => {
    const k = KERNELS.find((o) => truthy(c[o]));
    return k && truthy(c.trust_remote_code)
      ? hit(
          [k],
          'key',
          'Axolotl raises: the LoRA kernels "are not compatible with trust_remote_code"; disable trust_remote_code or set the lora_*_kernel keys to false.',
        )
      : undefined;
  }),
  axRule('ax-grpo-liger-context-parallel', 'error', `${V}713`, (c) =>
    c.rl === 'grpo' && truthy(obj(c.trl).use_liger_loss) && num(c.context_parallel_size, 1) > 1
      ? hit(
          ['context_parallel_size'],
          'value',
          'Axolotl raises: "GRPO + SP + Liger not currently supported".',
        )
      : undefined,
  ),
  axRule('ax-gdpo-aggregation', 'error', `${V}748`, (c) =>
    c.rl === 'gdpo' && obj(c.trl).multi_objective_aggregation === 'sum_then_normalize'
      ? hit(
          ['trl', 'multi_objective_aggregation'],
          'value',
          'Axolotl raises: "`multi_objective_aggregation` value set as `sum_then_normalize` => GRPO, but GDPO was selected".',
        )
      : undefined,
  ),
  axRule('ax-ipo-deprecated', 'warning', `${V}761`, (c) =>
    c.rl === 'ipo'
      ? hit(
          ['rl'],
          'value',
          'Axolotl warns: "rl: ipo will soon be deprecated. Use `rl: dpo` with `dpo_loss_type: [\'ipo\']` instead."',
        )
      : undefined,
  ),
  axRule('ax-dpo-loss-weights', 'error', `${V}767`, (c) => {
    const t = c.dpo_loss_type;
    const w = c.dpo_loss_weights;
    if (c.rl !== 'dpo')
      return given(t) || given(w)
        ? hit(
            [given(t) ? 'dpo_loss_type' : 'dpo_loss_weights'],
            'key',
            `Axolotl raises: \`dpo_loss_type\` and \`dpo_loss_weights\` are for DPO only (rl is ${String(c.rl ?? 'not set')}).`,
          )
        : undefined;
    if (given(w) && !given(t))
      return hit(
        ['dpo_loss_weights'],
        'key',
        'Axolotl raises: "`dpo_loss_weights` requires `dpo_loss_type` to be set".',
      );
    return Array.isArray(t) && Array.isArray(w) && t.length !== w.length
      ? hit(
          ['dpo_loss_weights'],
          'key',
          `Axolotl raises: \`dpo_loss_type\` and \`dpo_loss_weights\` must be the same length (${t.length} losses, ${w.length} weights).`,
        )
      : undefined;
  }),
  axRule('ax-grpo-num-generations', 'error', `${V}815`, (c) => {
    const n = obj(c.trl).num_generations;
    return c.rl === 'grpo' && typeof n === 'number' && n < 2
      ? hit(
          ['trl', 'num_generations'],
          'value',
          `Axolotl raises: GRPO requires \`trl.num_generations >= 2\` (got ${n}); every group would have zero advantage.`,
        )
      : undefined;
  }),
  axRule('ax-grpo-generation-batch', 'error', `${V}847`, (c) => {
    const t = obj(c.trl);
    const n = t.num_generations;
    if (c.rl !== 'grpo' || typeof n !== 'number' || n < 2) return undefined;
    const explicit = given(t.generation_batch_size);
    const mb = num(c.micro_batch_size, 1) || 1;
    const gbs = explicit
      ? Number(t.generation_batch_size)
      : mb * (num(c.gradient_accumulation_steps, 1) || 1);
    if (gbs % n === 0) return undefined;
    const gcd = (a: number, b: number): number => (b ? gcd(b, a % b) : a);
    const ga = (n * mb) / gcd(n, mb) / mb;
    return explicit
      ? hit(
          ['trl', 'generation_batch_size'],
          'value',
          `Axolotl raises: the GRPO generation batch size (${gbs}) must be divisible by \`trl.num_generations\` (${n}).`,
        )
      : hit(
          ['gradient_accumulation_steps'],
          'value',
          `Axolotl raises: micro_batch_size × gradient_accumulation_steps = ${gbs} must be divisible by \`trl.num_generations\` (${n}); smallest fix: gradient_accumulation_steps: ${ga}.`,
          setFix('gradient_accumulation_steps', String(ga)),
        );
  }),
];
