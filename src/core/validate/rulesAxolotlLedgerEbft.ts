// Axolotl ledger rules: EBFTValidationMixin and GRPOVllmValidationMixin of
// src/axolotl/utils/schemas/validation.py, and the user-visible overrides of normalize_config
// (src/axolotl/utils/config/__init__.py), at 067b021 (Axolotl 0.18.0).
import type { Config, CrossFieldRule } from './ruleKit';
import { at } from './ruleKit';
import { attnImpl, axRule, gc, hit, num, obj, offloading, truthy } from './rulesAxolotlLedgerKit';

const V = 'utils/schemas/validation.py:';
const N = 'utils/config/__init__.py:';
const ebftStrided = (c: Config): boolean => c.rl === 'ebft' && obj(c.ebft).mode === 'strided';

export const AXOLOTL_LEDGER_EBFT: readonly CrossFieldRule[] = [
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
