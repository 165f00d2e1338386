// Axolotl ledger rules: OptimizationValidationMixin of src/axolotl/utils/schemas/validation.py at
// 067b021 (Axolotl 0.18.0): optimizers, batch flattening, cross-entropy kernels, FSDP, DeepCompile.
import type { Config, CrossFieldRule } from './ruleKit';
import { at } from './ruleKit';
import {
  attnSupportsPacking,
  axRule,
  fsdpKey,
  fsdpVersion,
  hit,
  obj,
  setFix,
  truthy,
  usesFsdp,
} from './rulesAxolotlLedgerKit';

const V = 'utils/schemas/validation.py:';
const CE = [
  'cut_cross_entropy',
  'chunked_cross_entropy',
  'liger_cross_entropy',
  'liger_fused_linear_cross_entropy',
];
const opt = (c: Config): string => String(c.optimizer ?? '');
const fsdp2Fix = setFix('fsdp_version', '2');

export const AXOLOTL_LEDGER_RULES_2: readonly CrossFieldRule[] = [
  axRule('ax-adamw-params-without-adamw', 'warning', `${V}878`, (c) => {
    const k = ['adam_beta1', 'adam_beta2', 'adam_epsilon'].find((o) => truthy(c[o]));
    return k && 'optimizer' in c && !opt(c).toLowerCase().includes('adamw')
      ? hit(
          [k],
          'key',
          `Axolotl warns: "adamw hyperparameters found, but no adamw optimizer set" (\`optimizer: ${String(c.optimizer)}\` ignores \`${k}\`).`,
        )
      : undefined;
  }),
  axRule('ax-muon-fsdp1', 'error', `${V}900`, (c) =>
    c.optimizer === 'muon' && usesFsdp(c) && fsdpVersion(c) !== '2'
      ? hit(
          ['optimizer'],
          'value',
          'Axolotl raises: "Muon optimizer is only compatible with FSDP2. Set fsdp_version: 2 to use Muon with FSDP."',
          fsdp2Fix,
        )
      : undefined,
  ),
  axRule('ax-qgalore', 'error', `${V}912`, (c) => {
    if (c.optimizer !== 'q_galore_adamw8bit') return undefined;
    const m = (s: string) => hit(['optimizer'], 'value', `Axolotl raises: q_galore_adamw8bit ${s}`);
    if (truthy(c.adapter))
      return m(
        `operates on full-precision parameters and is incompatible with adapter='${String(c.adapter)}'.`,
      );
    if (truthy(c.deepspeed))
      return m('is not yet validated with DeepSpeed; use DDP or FSDP2 with use_orig_params=True.');
    if (usesFsdp(c) && fsdpVersion(c) !== '2') return m('requires FSDP2. Set fsdp_version: 2.');
    return usesFsdp(c) && obj(c.fsdp_config).use_orig_params !== true
      ? m(
          'requires fsdp_config.use_orig_params=True so that per-parameter projection state survives FSDP sharding.',
        )
      : undefined;
  }),
  axRule('ax-qgalore-fp32', 'warning', `${V}935`, (c) =>
    c.optimizer === 'q_galore_adamw8bit' &&
    !truthy(c.adapter) &&
    !truthy(c.deepspeed) &&
    !(truthy(c.bf16) || truthy(c.bfloat16) || truthy(c.fp16))
      ? hit(
          ['optimizer'],
          'value',
          'Axolotl warns: "q_galore_adamw8bit benefits from mixed-precision (bf16/fp16). Running in fp32 will negate most of the memory savings."',
        )
      : undefined,
  ),
  axRule('ax-flash-optimizer', 'error', `${V}953`, (c) => {
    if (!opt(c).startsWith('flash_')) return undefined;
    if (truthy(c.deepspeed))
      return hit(
        ['optimizer'],
        'value',
        `Axolotl raises: "${opt(c)} optimizer is incompatible with DeepSpeed. Flash optimizers only support DDP and FSDP2."`,
      );
    return usesFsdp(c) && fsdpVersion(c) !== '2'
      ? hit(
          ['optimizer'],
          'value',
          `Axolotl raises: "${opt(c)} optimizer is only compatible with FSDP2."`,
          fsdp2Fix,
        )
      : undefined;
  }),
  axRule('ax-batch-flattening', 'error', `${V}975`, (c) => {
    if (!truthy(c.batch_flattening) || c.batch_flattening === 'auto') return undefined;
    if (!attnSupportsPacking(c))
      return hit(
        ['batch_flattening'],
        'key',
        'Axolotl raises: "batch_flattening requires a varlen-capable attention backend (e.g., attn_implementation: flash_attention_2)."',
      );
    return truthy(c.sample_packing)
      ? hit(
          ['batch_flattening'],
          'key',
          'Axolotl raises: "batch_flattening not compatible with sample_packing".',
        )
      : undefined;
  }),
  axRule('ax-batch-flattening-no-effect', 'warning', `${V}982`, (c) => {
    if (
      !truthy(c.batch_flattening) ||
      c.batch_flattening === 'auto' ||
      !attnSupportsPacking(c) ||
      truthy(c.sample_packing)
    )
      return undefined;
    if (c.micro_batch_size === 1)
      return hit(
        ['batch_flattening'],
        'key',
        'Axolotl warns: "batch_flattening has no effect with micro_batch_size == 1".',
      );
    return truthy(obj(c.trl).use_liger_loss)
      ? hit(
          ['batch_flattening'],
          'key',
          'Axolotl warns: with `trl.use_liger_loss`, batch_flattening only applies to the scoring path.',
        )
      : undefined;
  }),
  axRule('ax-cross-entropy-conflict', 'error', `${V}1029`, (c) => {
    const on = CE.filter((k) => truthy(c[k]));
    return on.length > 1
      ? hit(
          [on[1]],
          'key',
          `Axolotl raises: "Only one cross entropy optimization can be enabled at a time." Found ${on.join(', ')}.`,
        )
      : undefined;
  }),
  axRule('ax-fsdp1-deprecated', 'warning', `${V}1041`, (c) =>
    truthy(c.fsdp_config) && fsdpVersion(c) !== '2'
      ? hit(
          at(c, 'fsdp_version', 'fsdp_config'),
          'key',
          'Axolotl warns: FSDP1 is deprecated and will be removed in an upcoming release; migrate to `fsdp_version: 2`.',
        )
      : undefined,
  ),
  axRule('ax-fsdp-cpu-offload-pin-memory', 'error', `${V}1058`, (c) => {
    if (fsdpKey(c, 'cpu_offload_pin_memory') !== false) return undefined;
    if (fsdpVersion(c) !== '2')
      return hit(
        ['fsdp_config'],
        'key',
        'Axolotl raises: "FSDP1 does not support disabling cpu_offload_pin_memory, please set `fsdp_version` to 2".',
      );
    return !truthy(fsdpKey(c, 'offload_params'))
      ? hit(
          ['fsdp_config'],
          'key',
          'Axolotl raises: "disabling cpu_offload_pin_memory requires enabling offload_params".',
        )
      : undefined;
  }),
  axRule('ax-fsdp2-quantized-rl', 'error', `${V}1077`, (c) => {
    const k = ['load_in_8bit', 'load_in_4bit'].find((o) => truthy(c[o]));
    return k && fsdpVersion(c) === '2' && ['dpo', 'kto', 'orpo', 'ipo'].includes(String(c.rl))
      ? hit(
          [k],
          'key',
          `Axolotl raises: "FSDP2 does not support load_in_8bit or load_in_4bit with ${String(c.rl)}. Please use DeepSpeed or set \`fsdp_version\` to 1."`,
        )
      : undefined;
  }),
  axRule('ax-fsdp-prefixed-keys', 'warning', `${V}1091`, (c) => {
    const k = Object.keys(obj(c.fsdp_config)).find((o) => o.startsWith('fsdp_') && o !== 'fsdp_version');
    return k
      ? hit(
          ['fsdp_config', k],
          'key',
          `Axolotl warns that the \`fsdp_\` prefix is deprecated and renames \`${k}\` to \`${k.slice(5)}\`.`,
        )
      : undefined;
  }),
  axRule('ax-deepcompile-deepspeed', 'error', `${V}1194`, (c) =>
    truthy(c.deepcompile) && !truthy(c.deepspeed)
      ? hit(['deepcompile'], 'key', 'Axolotl raises: "DeepCompile is only supported with DeepSpeed".')
      : undefined,
  ),
];
