// Axolotl ledger rules, part 3: checkpointing/offloading, ReLoRA, early stopping, context
// parallelism, EBFT and vLLM validators of src/axolotl/utils/schemas/validation.py, and the
// user-visible overrides of normalize_config (src/axolotl/utils/config/__init__.py), at 067b021.
import type { Config, CrossFieldRule } from './ruleKit';
import { at } from './ruleKit';
import {
  attnImpl,
  attnUsesFlashLib,
  axRule,
  hit,
  num,
  obj,
  setFix,
  truthy,
  usesFsdp,
} from './rulesAxolotlLedgerKit';

const V = 'utils/schemas/validation.py:';
const N = 'utils/config/__init__.py:';
/** gradient_checkpointing after check_gradient_checkpointing_w_offload turned `offload` into true. */
const gc = (c: Config): boolean => truthy(c.gradient_checkpointing);
const offloading = (c: Config): unknown =>
  c.gradient_checkpointing === 'offload'
    ? true
    : c.gradient_checkpointing === 'offload_disk'
      ? 'disk'
      : c.activation_offloading;
const ebftStrided = (c: Config): boolean => c.rl === 'ebft' && obj(c.ebft).mode === 'strided';
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
  axRule('ax-ebft-config-required', 'error', `${V}1794`, (c) =>
    c.rl === 'ebft' && !truthy(c.ebft)
      ? hit(
          ['rl'],
          'value',
          'Axolotl raises: "`ebft` config section is required when `rl: ebft` is set." Add `ebft:` with `mode: structured` or `mode: strided`.',
        )
      : undefined,
  ),
  axRule('ax-ebft-torch-compile', 'error', `${V}1812`, (c) =>
    ebftStrided(c) && c.torch_compile === true && gc(c)
      ? hit(
          ['torch_compile'],
          'key',
          'Axolotl raises: EBFT strided mode with `torch_compile: true` and `gradient_checkpointing: true` causes a CheckpointError; remove torch_compile.',
        )
      : undefined,
  ),
  axRule('ax-ebft-torch-compile-recompiles', 'warning', `${V}1817`, (c) =>
    ebftStrided(c) && c.torch_compile === true && !gc(c)
      ? hit(
          ['torch_compile'],
          'key',
          'Axolotl warns: EBFT strided mode with `torch_compile: true` recompiles for each sequence length; flex_attention compiles itself.',
        )
      : undefined,
  ),
  axRule('ax-ebft-use-reentrant', 'warning', `${V}1835`, (c) =>
    ebftStrided(c) &&
    attnImpl(c) === 'flex_attention' &&
    gc(c) &&
    !truthy(obj(c.gradient_checkpointing_kwargs).use_reentrant)
      ? hit(
          at(c, 'gradient_checkpointing_kwargs', 'gradient_checkpointing'),
          'key',
          'EBFT strided mode with flex_attention: Axolotl sets `gradient_checkpointing_kwargs.use_reentrant: true` (non-reentrant checkpointing fails on BlockMask metadata).',
        )
      : undefined,
  ),
  axRule('ax-ebft-activation-offloading', 'error', `${V}1855`, (c) =>
    ebftStrided(c) && offloading(c) === true && attnImpl(c) === 'flex_attention'
      ? hit(
          ['activation_offloading'],
          'key',
          'Axolotl raises: EBFT strided mode: `activation_offloading: true` is incompatible with `attn_implementation: flex_attention`.',
        )
      : undefined,
  ),
  axRule('ax-ebft-strided-size', 'warning', `${V}1881`, (c) => {
    if (!ebftStrided(c)) return undefined;
    const e = obj(c.ebft);
    const seq = num(c.sequence_len, 512);
    const gen = num(e.generate_max_len, 8);
    const full = seq + (Math.floor((seq - gen - num(e.context_length, 8)) / num(e.stride, 8)) + 1) * gen;
    const n = num(e.n_samples_per_prompt, 4);
    return full * n > 20000
      ? hit(
          ['ebft'],
          'key',
          `Axolotl warns: EBFT strided full_seq_len=${full} × n_samples=${n} = ${full * n} token-samples per step may need > 24 GB VRAM for a 1B+ model.`,
        )
      : undefined;
  }),
  axRule('ax-dataset-train-on-split', 'warning', `${V}1895`, (c) => {
    const ds = Array.isArray(c.datasets) ? c.datasets : [];
    const i = ds.findIndex((d) => truthy(obj(d).train_on_split));
    return i >= 0
      ? hit(
          ['datasets', String(i), 'train_on_split'],
          'key',
          `Axolotl warns: \`train_on_split\` is not recognized and is ignored; use \`split: ${String(obj(ds[i]).train_on_split)}\`.`,
        )
      : undefined;
  }),
  axRule('ax-vllm-mode-default', 'warning', `${V}1909`, (c) => {
    const t = obj(c.trl);
    return truthy(t.use_vllm) && !truthy(t.vllm_mode)
      ? hit(
          ['trl', 'use_vllm'],
          'key',
          'Axolotl warns: "vllm_mode must be set to either `server` or `colocate` when using vllm, using default value `server`".',
        )
      : undefined;
  }),
  axRule('ax-bf16-auto-with-fp16', 'warning', `${N}170`, (c) =>
    c.bf16 === 'auto' && truthy(c.fp16)
      ? hit(
          ['bf16'],
          'value',
          '`bf16: auto` with `fp16: true`: Axolotl sets bf16 to false and trains in fp16.',
        )
      : undefined,
  ),
  axRule('ax-saves-per-epoch-invalid', 'warning', `${N}247`, (c) => {
    const n = Number(c.saves_per_epoch) * num(c.num_epochs, 1);
    return truthy(c.saves_per_epoch) && n > 0 && n < 1
      ? hit(
          ['saves_per_epoch'],
          'value',
          `saves_per_epoch × num_epochs = ${n} < 1: Axolotl warns "Invalid value for save_steps … Saving at training end only."`,
        )
      : undefined;
  }),
  axRule('ax-evals-per-epoch-invalid', 'warning', `${N}255`, (c) => {
    const n = Number(c.evals_per_epoch) * num(c.num_epochs, 1);
    return (truthy(c.val_set_size) || truthy(c.test_datasets)) && truthy(c.evals_per_epoch) && n > 0 && n < 1
      ? hit(
          ['evals_per_epoch'],
          'value',
          `evals_per_epoch × num_epochs = ${n} < 1: Axolotl warns "Invalid value for eval_steps … Skipping evaluations."`,
        )
      : undefined;
  }),
];
