// Axolotl ledger rules, part 4: the validators of src/axolotl/utils/schemas/config.py (attention,
// torch.compile, fp32 norms, QAT, MoE quantization, deprecated-key migrations), peft.py, model.py,
// fsdp.py, integrations.py, datasets.py and utils.py at 067b021 (Axolotl 0.18.0).
import type { Config, CrossFieldRule, RuleFix } from './ruleKit';
import { at } from './ruleKit';
import { attnImpl, axRule, fsdpVersion, given, hit, obj, setFix, truthy } from './rulesAxolotlLedgerKit';

const C = 'utils/schemas/config.py:';
/** utils/schemas/enums.py:160 INDUCTOR_COMPILE_OPTIONS_ALLOWLIST. */
const INDUCTOR = new Set([
  'coordinate_descent_tuning',
  'coordinate_descent_check_all_directions',
  'shape_padding',
  'epilogue_fusion',
  'max_autotune_gemm',
  'fx_graph_cache',
  'assume_aligned_inputs',
  'comprehensive_padding',
  'decompose_mem_bound_mm',
  'triton.cudagraphs',
]);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : given(v) ? [v] : []);
/** A Python regex JavaScript cannot compile only for Python-only syntax is not reported. */
function badRegex(p: string): boolean {
  if (/\(\?P[<=]|\\[AZz]|\(\?[aiLmsux]+\)/.test(p)) return false;
  try {
    new RegExp(p);
    return false;
  } catch {
    return true;
  }
}
const datasets = (c: Config): Config[] => (Array.isArray(c.datasets) ? c.datasets.map(obj) : []);
/**
 * `message_field_role: from` -> `message_property_mappings: {role: from}` (utils/schemas/utils.py:50), when
 * the entry has neither message_property_mappings nor the other legacy key (one rename then says it all).
 */
function mappingFix(d: Config, i: number, k: string, p: string): RuleFix | undefined {
  const other = k === 'message_field_role' ? 'message_field_content' : 'message_field_role';
  const v = truthy(d[k]) ? d[k] : p;
  if ('message_property_mappings' in d || other in d || typeof v !== 'string') return undefined;
  const text = /^[\w.-]+$/.test(v) ? v : JSON.stringify(v);
  return {
    title: `Use message_property_mappings: {${p}: ${text}}`,
    path: ['datasets', String(i), k],
    value: `{${p}: ${text}}`,
    renameTo: 'message_property_mappings',
  };
}

export const AXOLOTL_LEDGER_RULES_4: readonly CrossFieldRule[] = [
  axRule('ax-fix-untrained-not-trainable', 'warning', `${C}1519`, (c) => {
    const idx = list(c.peft_trainable_token_indices);
    const missing = truthy(c.peft_trainable_token_indices)
      ? list(c.fix_untrained_tokens).filter((t) => !idx.includes(t))
      : [];
    return truthy(c.fix_untrained_tokens) && missing.length
      ? hit(
          ['fix_untrained_tokens'],
          'key',
          `Axolotl warns: token(s) ${missing.join(', ')} are fixed via \`fix_untrained_tokens\` but not in \`peft_trainable_token_indices\`, so they are not trained.`,
        )
      : undefined;
  }),
  axRule('ax-gemma4-hybrid-attn', 'error', `${C}1544`, (c) =>
    truthy(c.gemma4_hybrid_attn_impl) &&
    truthy(c.attn_implementation) &&
    c.attn_implementation !== 'flash_attention_2'
      ? hit(
          ['attn_implementation'],
          'value',
          'Axolotl raises: "gemma4_hybrid_attn_impl requires attn_implementation=flash_attention_2 (sliding-window layers run under FA2)".',
          setFix('attn_implementation', 'flash_attention_2'),
        )
      : undefined,
  ),
  axRule('ax-torch-compile-options-allowlist', 'error', `${C}1625`, (c) => {
    const bad = Object.keys(obj(c.torch_compile_options)).find((k) => !INDUCTOR.has(k));
    return bad
      ? hit(
          ['torch_compile_options', bad],
          'key',
          `Axolotl raises: torch_compile_options contains the disallowed inductor flag \`${bad}\`; allowed: ${[...INDUCTOR].join(', ')}.`,
        )
      : undefined;
  }),
  axRule('ax-torch-compile-options-needs-compile', 'error', `${C}1635`, (c) =>
    given(c.torch_compile_options) && !truthy(c.torch_compile)
      ? hit(
          ['torch_compile_options'],
          'key',
          'Axolotl raises: "torch_compile_options is set but torch_compile is not enabled."',
          setFix('torch_compile', 'true'),
        )
      : undefined,
  ),
  axRule('ax-cudagraphs-sample-packing', 'warning', `${C}1649`, (c) =>
    truthy(obj(c.torch_compile_options)['triton.cudagraphs']) && truthy(c.sample_packing)
      ? hit(
          ['torch_compile_options'],
          'key',
          'Axolotl warns: CUDA graphs need static shapes but packed sequences are dynamic; disable one of `triton.cudagraphs` and `sample_packing`.',
        )
      : undefined,
  ),
  axRule('ax-fp32-norms-fsdp2', 'error', `${C}1665`, (c) => {
    if (!truthy(c.fp32_norms)) return undefined;
    if (!given(c.fsdp_config))
      return hit(
        ['fp32_norms'],
        'key',
        'Axolotl raises: "fp32_norms requires FSDP to be enabled (fsdp_config block must be set)."',
      );
    return fsdpVersion(c) !== '2'
      ? hit(
          ['fp32_norms'],
          'key',
          'Axolotl raises: "fp32_norms requires fsdp_version: 2."',
          setFix('fsdp_version', '2'),
        )
      : undefined;
  }),
  axRule('ax-fp32-norm-classes-ignored', 'warning', `${C}1676`, (c) =>
    truthy(c.fp32_norm_classes) && !truthy(c.fp32_norms)
      ? hit(
          ['fp32_norm_classes'],
          'key',
          'Axolotl warns: "fp32_norm_classes is set but fp32_norms is not enabled; it will be ignored."',
          setFix('fp32_norms', 'true'),
        )
      : undefined,
  ),
  axRule('ax-sdpa-varlen-no-packing', 'warning', `${C}1686`, (c) =>
    truthy(c.sdpa_varlen) && !truthy(c.sample_packing)
      ? hit(
          ['sdpa_varlen'],
          'key',
          'Axolotl warns: "`sdpa_varlen` only affects packed rows; enable `sample_packing` or it is a no-op."',
        )
      : undefined,
  ),
  axRule('ax-sage-attention-hints', 'warning', `${C}1705`, (c) => {
    if (attnImpl(c) !== 'sage') return undefined;
    const k = at(c, 'attn_implementation', 'sage_attention');
    if (!truthy(c.sample_packing) && !truthy(c.pad_to_sequence_len))
      return hit(
        k,
        'key',
        'Axolotl warns: turn on `pad_to_sequence_len` for SageAttention without packing; the loss has been observed to explode otherwise.',
        setFix('pad_to_sequence_len', 'true'),
      );
    return !truthy(c.adapter)
      ? hit(k, 'key', 'Axolotl warns: "SageAttention full finetuning has been observed to drop loss to 0."')
      : undefined;
  }),
  axRule('ax-save-best-needs-metric', 'error', `${C}1726`, (c) =>
    c.save_strategy === 'best' && !truthy(c.metric_for_best_model)
      ? hit(
          ['save_strategy'],
          'value',
          'Axolotl raises: "save_strategy: \'best\' requires metric_for_best_model to be set."',
          setFix('metric_for_best_model', 'eval_loss'),
        )
      : undefined,
  ),
  axRule('ax-lora-target-modules-regex', 'error', `${C}1747`, (c) => {
    const bad = Array.isArray(c.lora_target_modules)
      ? c.lora_target_modules.filter((p) => typeof p === 'string' && badRegex(p))
      : [];
    return bad.length
      ? hit(
          ['lora_target_modules'],
          'key',
          `Axolotl raises: lora_target_modules contains invalid regex pattern(s): ${bad.join(', ')}.`,
        )
      : undefined;
  }),
  axRule('ax-quantize-moe-experts', 'error', `${C}1879`, (c) => {
    if (!truthy(c.quantize_moe_experts)) return undefined;
    const m = (k: string, s: string) =>
      hit(at(c, k, 'quantize_moe_experts'), 'key', `Axolotl raises: "${s}"`);
    if (truthy(c.lora_target_linear))
      return m(
        'lora_target_linear',
        'lora_target_linear is not compatible with quantize_moe_experts. Use lora_target_parameters to target expert weights instead.',
      );
    if (c.adapter !== 'lora' && c.adapter !== 'qlora')
      return m('adapter', 'quantize_moe_experts requires adapter: lora or qlora');
    return !(truthy(c.load_in_4bit) || truthy(c.load_in_8bit))
      ? m('quantize_moe_experts', 'quantize_moe_experts requires load_in_4bit or load_in_8bit')
      : undefined;
  }),
  axRule('ax-beta-trl-beta', 'error', `${C}2070`, (c) =>
    truthy(c.beta) && truthy(obj(c.trl).beta) && c.beta !== obj(c.trl).beta
      ? hit(['beta'], 'value', 'Axolotl raises: "beta and trl.beta must match or one must be removed".')
      : undefined,
  ),
  axRule('ax-qat-exclusive', 'error', `${C}2092`, (c) => {
    const k = truthy(c.qat) ? ['peft', 'load_in_8bit', 'load_in_4bit'].find((o) => truthy(c[o])) : undefined;
    return k
      ? hit([k], 'key', `Axolotl raises: "QAT and ${k === 'peft' ? 'PEFT' : k} cannot be used together."`)
      : undefined;
  }),
  axRule('ax-dataset-processes-both', 'warning', `${C}2155`, (c) =>
    given(c.dataset_processes) && given(c.dataset_num_proc)
      ? hit(
          ['dataset_processes'],
          'key',
          'Axolotl warns: "Both dataset_processes and dataset_num_proc are set. Using dataset_num_proc and ignoring dataset_processes."',
        )
      : undefined,
  ),
  axRule('ax-gc-steps-migrated', 'warning', `${C}2177`, (c) => {
    if (!given(c.gc_steps)) return undefined;
    return given(c.torch_empty_cache_steps) || given(c.gc_collect_steps)
      ? hit(
          ['gc_steps'],
          'key',
          'Axolotl warns: "`gc_steps` ignored; `torch_empty_cache_steps` / `gc_collect_steps` take precedence."',
        )
      : hit(
          ['gc_steps'],
          'key',
          `\`gc_steps\` is deprecated: Axolotl sets gc_collect_steps${Number(c.gc_steps) > 0 ? ' and torch_empty_cache_steps' : ''} to ${String(c.gc_steps)} (and warns).`,
        );
  }),
  axRule('ax-dedup-streaming', 'error', `${C}2195`, (c) =>
    truthy(c.dataset_exact_deduplication) && (truthy(c.streaming) || truthy(c.pretraining_dataset))
      ? hit(
          ['dataset_exact_deduplication'],
          'key',
          'Axolotl raises: "dataset_exact_deduplication is not available for streaming datasets."',
        )
      : undefined,
  ),
  axRule('ax-dedup-skip-prepare', 'error', `${C}2204`, (c) =>
    truthy(c.dataset_exact_deduplication) && truthy(c.skip_prepare_dataset)
      ? hit(
          ['dataset_exact_deduplication'],
          'key',
          'Axolotl raises: dataset_exact_deduplication has no effect when skip_prepare_dataset=True (deduplication runs in the skipped prepare pipeline).',
        )
      : undefined,
  ),
  axRule('ax-qlora-merge-quantized', 'error', 'utils/schemas/peft.py:207', (c) => {
    const k =
      c.adapter === 'qlora' && truthy(c.merge_lora)
        ? ['load_in_8bit', 'gptq', 'load_in_4bit'].find((o) => truthy(c[o]))
        : undefined;
    return k
      ? hit(
          [k],
          'key',
          `Axolotl raises: "Can't merge qlora if ${k === 'gptq' ? 'gptq' : `loaded in ${k === 'load_in_8bit' ? '8bit' : '4bit'}`}"; merge_lora loads the base model unquantized.`,
        )
      : undefined;
  }),
  axRule('ax-lora-target-parameters-dropout', 'error', 'utils/schemas/peft.py:247', (c) =>
    truthy(c.lora_target_parameters) && truthy(c.lora_dropout)
      ? hit(
          ['lora_dropout'],
          'value',
          'Axolotl raises: "lora_dropout must be 0 when lora_target_parameters is set. PEFT\'s ParamWrapper does not support lora_dropout != 0."',
          setFix('lora_dropout', '0.0'),
        )
      : undefined,
  ),
  axRule('ax-trust-remote-code', 'warning', 'utils/schemas/model.py:117', (c) =>
    truthy(c.trust_remote_code)
      ? hit(
          ['trust_remote_code'],
          'value',
          'Axolotl warns: "`trust_remote_code` is set to true. Please make sure that you reviewed the remote code/model."',
        )
      : undefined,
  ),
  axRule('ax-processor-kwargs-reserved', 'error', 'utils/schemas/model.py:130', (c) => {
    const k = ['revision', 'trust_remote_code'].find((o) => o in obj(c.processor_kwargs));
    return k
      ? hit(
          ['processor_kwargs', k],
          'key',
          `Axolotl raises: do not set the reserved key \`${k}\` inside \`processor_kwargs\`; use the top-level \`${k === 'revision' ? 'revision_of_model' : k}\`.`,
        )
      : undefined;
  }),
  axRule('ax-save-safetensors-false', 'error', 'utils/schemas/model.py:170', (c) =>
    c.save_safetensors === false
      ? hit(
          ['save_safetensors'],
          'value',
          'Axolotl raises: "save_safetensors=False is not supported in Transformers V5."',
          setFix('save_safetensors', 'true'),
        )
      : undefined,
  ),
  axRule('ax-fsdp-size-based-wrap', 'error', 'utils/schemas/fsdp.py:87', (c) => {
    const f = obj(c.fsdp_config);
    const policy = f.auto_wrap_policy ?? f.fsdp_auto_wrap_policy;
    return policy === 'SIZE_BASED_WRAP' && !given(f.min_num_params ?? f.fsdp_min_num_params)
      ? hit(
          ['fsdp_config'],
          'key',
          'Axolotl raises: "fsdp_config.min_num_params is required when auto_wrap_policy is SIZE_BASED_WRAP".',
        )
      : undefined;
  }),
  axRule('ax-wandb-run-id-name', 'warning', 'utils/schemas/integrations.py:88', (c) =>
    truthy(c.wandb_run_id) && !truthy(c.wandb_name)
      ? hit(
          ['wandb_run_id'],
          'key',
          `\`wandb_run_id\` sets the run's ID; Axolotl also uses it as \`wandb_name\` (and warns). Set wandb_name for the name.`,
        )
      : undefined,
  ),
  axRule('ax-dataset-chat-template-jinja', 'error', 'utils/schemas/datasets.py:224', (c) => {
    const i = datasets(c).findIndex((d) => d.chat_template === 'jinja' && !truthy(d.chat_template_jinja));
    return i >= 0
      ? hit(
          ['datasets', String(i), 'chat_template'],
          'value',
          'Axolotl raises: "chat_template_jinja is required when chat_template is set to jinja".',
        )
      : undefined;
  }),
  axRule('ax-dataset-message-field-legacy', 'warning', 'utils/schemas/utils.py:38', (c) => {
    for (const [i, d] of datasets(c).entries())
      for (const [k, p] of [
        ['message_field_role', 'role'],
        ['message_field_content', 'content'],
      ])
        if (
          k in d &&
          !(p in obj(d.message_property_mappings) && obj(d.message_property_mappings)[p] !== d[k])
        )
          return hit(
            ['datasets', String(i), k],
            'key',
            `Axolotl warns: \`${k}\` is deprecated; use \`message_property_mappings: {${p}: ${String(d[k])}}\`.`,
            mappingFix(d, i, k, p),
          );
    return undefined;
  }),
  axRule('ax-dataset-message-field-conflict', 'error', 'utils/schemas/utils.py:46', (c) => {
    for (const [i, d] of datasets(c).entries())
      for (const [k, p] of [
        ['message_field_role', 'role'],
        ['message_field_content', 'content'],
      ]) {
        const m = obj(d.message_property_mappings);
        if (k in d && p in m && m[p] !== d[k])
          return hit(
            ['datasets', String(i), k],
            'value',
            `Axolotl raises: \`${k}: ${String(d[k])}\` conflicts with \`message_property_mappings.${p}: ${String(m[p])}\`.`,
          );
      }
    return undefined;
  }),
  axRule('ax-batch-size-hint', 'warning', 'utils/schemas/training.py:273', (c) =>
    truthy(c.batch_size)
      ? hit(
          ['batch_size'],
          'key',
          'Axolotl warns: "batch_size is not recommended. Please use gradient_accumulation_steps instead" (batch_size / micro_batch_size / number of GPUs).',
        )
      : undefined,
  ),
];
