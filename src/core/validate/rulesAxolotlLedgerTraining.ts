// Axolotl ledger rules: TrainingValidationMixin of src/axolotl/utils/schemas/validation.py at 067b021
// (Axolotl 0.18.0): reward models, evaluation, hub, multipack, fp16/fp8, reentrant checkpointing,
// causal-LM metrics, Mistral tokenizers. file:line per rule; each site in ledger/axolotl.json.
import type { CrossFieldRule } from './ruleKit';
import { attnImpl, axRule, gcKwargs, given, hit, obj, setFix, truthy } from './rulesAxolotlLedgerKit';

const V = 'utils/schemas/validation.py:';
const MISTRAL_EDITS = [
  'added_tokens_overrides',
  'special_tokens',
  'tokens',
  'chat_template',
  'processor_kwargs',
];
const METRICS = ['sacrebleu', 'comet', 'ter', 'chrf', 'perplexity'];

export const AXOLOTL_LEDGER_TRAINING: readonly CrossFieldRule[] = [
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
];
