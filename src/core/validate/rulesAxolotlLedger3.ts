// Axolotl ledger rules: ModelCompatibilityValidationMixin (checkpointing, offloading, quantized
// checkpoints) and ComplexValidationMixin (SimPO, ReLoRA, early stopping, context parallelism) of
// src/axolotl/utils/schemas/validation.py at 067b021 (Axolotl 0.18.0).
import type { CrossFieldRule } from './ruleKit';
import { at } from './ruleKit';
import {
  attnUsesFlashLib,
  axRule,
  gc,
  hit,
  num,
  obj,
  offloading,
  setFix,
  truthy,
  usesFsdp,
} from './rulesAxolotlLedgerKit';

const V = 'utils/schemas/validation.py:';
const MATMUL = ['aten::mm', 'aten::addmm', 'aten::matmul', 'aten::bmm'];

export const AXOLOTL_LEDGER_RULES_3: readonly CrossFieldRule[] = [
  axRule('ax-activation-offloading-needs-gc', 'error', `${V}1447`, (c) =>
    truthy(offloading(c)) && !gc(c)
      ? hit(
          ['activation_offloading'],
          'key',
          'Axolotl raises: "activation_offloading requires gradient_checkpointing".',
          setFix('gradient_checkpointing', 'true'),
        )
      : undefined,
  ),
  axRule('ax-selective-checkpointing', 'error', `${V}1460`, (c) => {
    const sc = c.selective_checkpointing;
    if (!truthy(sc)) return undefined;
    const m = (s: string) =>
      hit(['selective_checkpointing'], 'key', `Axolotl raises: "selective_checkpointing ${s}"`);
    if (!gc(c)) return m('requires gradient_checkpointing".');
    if (truthy(obj(c.gradient_checkpointing_kwargs).use_reentrant))
      return m('requires non-reentrant checkpointing (gradient_checkpointing_kwargs.use_reentrant: false)".');
    const off = offloading(c);
    if (truthy(off) && off !== 'hidden_states')
      return m('is only compatible with activation_offloading: hidden_states (or false)".');
    const save = Array.isArray(obj(sc).save) ? (obj(sc).save as unknown[]).map(String) : ['attention'];
    const bad = save.filter((s) => s !== 'attention' && MATMUL.some((op) => op.includes(s)));
    return truthy(c.adapter) && bad.length
      ? m(
          `.save entries [${bad.join(', ')}] match matmul ops, which cannot be saved when training with a LoRA/QLoRA adapter". Use save: [attention].`,
        )
      : undefined;
  }),
  axRule('ax-selective-checkpointing-compile', 'warning', `${V}1490`, (c) =>
    truthy(c.selective_checkpointing) && gc(c) && truthy(c.torch_compile)
      ? hit(
          ['selective_checkpointing'],
          'key',
          'Axolotl warns: "selective_checkpointing with torch_compile is untested in axolotl".',
        )
      : undefined,
  ),
  axRule('ax-hidden-states-offloading', 'error', `${V}1504`, (c) =>
    c.activation_offloading === 'hidden_states' &&
    truthy(obj(c.gradient_checkpointing_kwargs).use_reentrant) &&
    truthy(c.unfrozen_parameters)
      ? hit(
          ['activation_offloading'],
          'value',
          'Axolotl raises: "activation_offloading: hidden_states with reentrant checkpointing is incompatible with `unfrozen_parameters`".',
        )
      : undefined,
  ),
  axRule('ax-hidden-states-offloading-adapter', 'warning', `${V}1509`, (c) =>
    c.activation_offloading === 'hidden_states' && truthy(c.adapter)
      ? hit(
          ['activation_offloading'],
          'value',
          'Axolotl warns: with LoRA/QLoRA, `activation_offloading: true` can be faster than hidden_states (no recompute).',
        )
      : undefined,
  ),
  axRule('ax-better-transformer-amp', 'error', `${V}1524`, (c) =>
    c.flash_optimum === true && (truthy(c.fp16) || truthy(c.bf16))
      ? hit(
          ['flash_optimum'],
          'key',
          'Axolotl raises: "AMP is not supported with BetterTransformer" (`fp16`/`bf16` with `flash_optimum`); use float16/bfloat16.',
        )
      : undefined,
  ),
  axRule('ax-better-transformer-hints', 'warning', `${V}1520`, (c) => {
    if (c.flash_optimum !== true) return undefined;
    if (truthy(c.adapter))
      return hit(
        ['flash_optimum'],
        'key',
        'Axolotl warns: "BetterTransformers probably doesn\'t work with PEFT adapters".',
      );
    return c.float16 !== true && c.bfloat16 !== true
      ? hit(
          ['flash_optimum'],
          'key',
          'Axolotl warns: set bfloat16 or float16 to true to load the model in half precision for BetterTransformers.',
        )
      : undefined;
  }),
  axRule('ax-gptq-revision', 'error', `${V}1536`, (c) =>
    truthy(c.gptq) && truthy(c.revision_of_model)
      ? hit(
          ['revision_of_model'],
          'key',
          'Axolotl raises: "revision_of_model is not supported for GPTQ models."',
        )
      : undefined,
  ),
  axRule('ax-mxfp4-cpu-ram-efficient-loading', 'error', `${V}1549`, (c) =>
    c.model_quantization_config === 'Mxfp4Config' && obj(c.fsdp_config).cpu_ram_efficient_loading === true
      ? hit(
          ['fsdp_config', 'cpu_ram_efficient_loading'],
          'value',
          'Axolotl raises: "FSDP cpu_ram_efficient_loading is not supported for Mxfp4Config model quantization."',
        )
      : undefined,
  ),
  axRule('ax-simpo-warmup-ratio', 'error', `${V}1575`, (c) =>
    c.rl === 'simpo' && truthy(c.warmup_ratio)
      ? hit(
          ['warmup_ratio'],
          'key',
          'Axolotl raises: "warmup_ratio is not supported with the simpo trainer. Please use `warmup_steps` instead".',
        )
      : undefined,
  ),
  axRule('ax-relora', 'error', `${V}1584`, (c) => {
    if (!truthy(c.relora)) return undefined;
    const m = (k: string, s: string) => hit(at(c, k, 'relora'), 'key', `Axolotl raises: "${s}"`);
    if (!truthy(c.jagged_restart_steps)) return m('relora', 'jagged_restart_steps must be set to use ReLoRA');
    if (!truthy(c.adapter) || c.adapter === 'llama-adapter')
      return m('adapter', 'cfg.adapter must support ReLoRA to use ReLoRA restart semantics');
    if (usesFsdp(c)) return m('fsdp_config', 'fsdp not supported with ReLoRA');
    if (truthy(c.deepspeed)) return m('deepspeed', 'deepspeed not supported with ReLoRA');
    if (c.lr_scheduler === 'one_cycle')
      return m('lr_scheduler', 'ReLoRA is not compatible with the one_cycle scheduler');
    return truthy(c.flash_attn_fuse_mlp)
      ? m('flash_attn_fuse_mlp', 'Fused modules are not supported with ReLoRA')
      : undefined;
  }),
  axRule('ax-early-stopping-steps', 'error', `${V}1618`, (c) => {
    if (!truthy(c.early_stopping_patience)) return undefined;
    if (!truthy(c.save_steps) || !truthy(c.eval_steps))
      return hit(
        ['early_stopping_patience'],
        'key',
        'Axolotl raises: "`early_stopping_patience` requires save_steps and eval_steps to be set."',
      );
    const s = Number(c.save_steps);
    const e = Number(c.eval_steps);
    return s % e !== 0
      ? hit(
          ['save_steps'],
          'value',
          `Axolotl raises: "\`early_stopping_patience\` requires that eval_steps should evenly divide save_steps" (${e} does not divide ${s}).`,
        )
      : undefined;
  }),
  axRule('ax-context-parallel', 'error', `${V}1654`, (c) => {
    const cp = num(c.context_parallel_size ?? c.sequence_parallel_degree, 1);
    if (cp <= 1 || truthy(c.use_glm_dsa_kernels)) return undefined;
    if (!attnUsesFlashLib(c))
      return hit(
        at(c, 'context_parallel_size', 'sequence_parallel_degree'),
        'key',
        'Axolotl raises: "context_parallel_size > 1 requires flash attention (attn_implementation: flash_attention_2 or flash_attention_3)."',
      );
    return truthy(c.sample_packing) && num(c.micro_batch_size, 1) > 1
      ? hit(
          ['micro_batch_size'],
          'value',
          'Axolotl raises: "micro_batch_size must be set to 1 when sample_packing is enabled due to a `ring-flash-attn` requirement".',
          setFix('micro_batch_size', '1'),
        )
      : undefined;
  }),
  axRule('ax-context-parallel-notes', 'warning', `${V}1704`, (c) => {
    const cp = num(c.context_parallel_size ?? c.sequence_parallel_degree, 1);
    if (cp <= 1) return undefined;
    const k = at(c, 'context_parallel_size', 'sequence_parallel_degree');
    if (truthy(c.use_glm_dsa_kernels))
      return hit(
        k,
        'key',
        'Axolotl warns: with use_glm_dsa_kernels the DSA kernels handle context parallelism; the flash/ring-attention requirement is skipped.',
      );
    return attnUsesFlashLib(c) && !(truthy(c.sample_packing) && num(c.micro_batch_size, 1) > 1)
      ? hit(
          k,
          'key',
          `Axolotl warns: sequence parallelism (context_parallel_size=${cp}) logs losses that may differ slightly from non-SP runs.`,
        )
      : undefined;
  }),
];
