// Axolotl ledger rules: the config validators of the kernels plugin (integrations/kernels/args.py at
// 067b021, Axolotl 0.18.0). Its args and validators load only when it is listed under `plugins:`,
// so each rule first checks the listing.
import type { Config, CrossFieldRule } from './ruleKit';
import { at } from './ruleKit';
import { axRule, given, hit, pluginListed, setFix, truthy } from './rulesAxolotlLedgerKit';

const I = 'integrations/';
const kernels = (c: Config): boolean => pluginListed(c, 'kernels.KernelsPlugin');
const low = (v: unknown): string => String(v).toLowerCase();
const EXPERTS = [
  'eager',
  'batched_mm',
  'grouped_mm',
  'scattermoe',
  'sonicmoe',
  'deep_ep',
  'deep_ep_grouped_mm',
  'deep_ep_scattermoe',
  'deep_ep_sonicmoe',
];
const FUSED = ['lora_mlp_kernel', 'lora_qkv_kernel', 'lora_o_kernel'];
/** use_scattermoe / use_sonicmoe after expert_backend is applied (kernels/args.py:188). */
const moe = (c: Config, which: 'scattermoe' | 'sonicmoe'): boolean =>
  truthy(c[`use_${which}`]) || low(c.expert_backend) === which;

export const AXOLOTL_LEDGER_KERNELS: readonly CrossFieldRule[] = [
  axRule('ax-kernels-use-kernels', 'warning', `${I}kernels/args.py:289`, (c) =>
    kernels(c) && c.use_kernels !== true
      ? hit(
          at(c, 'use_kernels', 'plugins'),
          'key',
          'With KernelsPlugin, Axolotl sets `use_kernels: true` (and warns "`use_kernels` must be set to True to use this").',
          setFix('use_kernels', 'true'),
        )
      : undefined,
  ),
  axRule('ax-kernels-expert-backend', 'error', `${I}kernels/args.py:201`, (c) => {
    if (!kernels(c)) return undefined;
    const eb = given(c.expert_backend) ? low(c.expert_backend) : undefined;
    if (eb && !['scattermoe', 'sonicmoe', 'eager', 'builtin'].includes(eb))
      return hit(
        ['expert_backend'],
        'value',
        'Axolotl raises: expert_backend must be one of builtin, eager, scattermoe, sonicmoe.',
      );
    const k = eb
      ? (['scattermoe', 'sonicmoe'] as const).find((m) => c[`use_${m}`] === true && eb !== m)
      : undefined;
    if (k)
      return hit(
        [`use_${k}`],
        'key',
        `Axolotl raises: "expert_backend=${eb} conflicts with use_${k}=true; set only one."`,
      );
    return moe(c, 'scattermoe') && moe(c, 'sonicmoe')
      ? hit(
          ['use_sonicmoe'],
          'key',
          'Axolotl raises: "Cannot use both ScatterMoE and SonicMoE simultaneously."',
        )
      : undefined;
  }),
  axRule('ax-kernels-nvfp4-merge-aware', 'error', `${I}kernels/args.py:97`, (c) => {
    if (!kernels(c)) return undefined;
    const start = c.nvfp4_merge_aware_start_step;
    const m = (k: string, s: string) => hit(at(c, k, 'nvfp4_merge_aware'), 'key', `Axolotl raises: "${s}"`);
    if (!truthy(c.nvfp4_merge_aware))
      return given(start)
        ? m('nvfp4_merge_aware_start_step', 'nvfp4_merge_aware_start_step requires nvfp4_merge_aware: true')
        : undefined;
    if (!moe(c, 'sonicmoe'))
      return m(
        'nvfp4_merge_aware',
        'nvfp4_merge_aware requires the sonicmoe expert backend (expert_backend: sonicmoe)',
      );
    if (c.adapter !== 'lora')
      return m('adapter', 'nvfp4_merge_aware requires a LoRA adapter (adapter: lora)');
    const f = FUSED.find((k) => c[k] === true);
    if (f) return m(f, `nvfp4_merge_aware is incompatible with ${f}`);
    const bad =
      typeof start === 'boolean' ||
      (typeof start === 'number' && (Number.isInteger(start) ? start < 0 : !(start > 0 && start < 1)));
    return bad
      ? m(
          'nvfp4_merge_aware_start_step',
          'nvfp4_merge_aware_start_step must be an int >= 0 (absolute step) or a float in (0, 1)',
        )
      : undefined;
  }),
  axRule('ax-kernels-values', 'error', `${I}kernels/args.py:148`, (c) => {
    if (!kernels(c)) return undefined;
    const v = (k: string, ok: string[], extra = '') =>
      given(c[k]) && !ok.includes(low(c[k]))
        ? hit([k], 'value', `Axolotl raises: ${k} must be ${ok.join(' or ')}${extra}, got ${String(c[k])}.`)
        : undefined;
    const chunk = c.moe_dequant_chunk_size;
    if (given(chunk) && !(typeof chunk === 'number' && Number.isInteger(chunk) && chunk > 0))
      return hit(
        ['moe_dequant_chunk_size'],
        'value',
        `Axolotl raises: "moe_dequant_chunk_size must be a positive integer", got ${String(chunk)}.`,
      );
    return (
      v('dsv4_fp4_grouped_mode', ['nvfp4'], " ('fp8' is not implemented for training)") ??
      v('dsv4_fp8_nonexpert_mode', ['float8tensor', 'bf16']) ??
      v(
        'moe_grouped_backend',
        ['auto', 'marlin', 'cutlass', 'deepgemm'],
        " ('dequant' is not implemented for training)",
      ) ??
      v('nonexpert_quantization', ['none', 'bf16', 'fp8', 'fp8_blockwise', 'nf4', 'nvfp4'])
    );
  }),
  axRule('ax-kernels-notes', 'warning', `${I}kernels/args.py:249`, (c) => {
    if (!kernels(c)) return undefined;
    if (
      given(c.moe_grouped_backend) &&
      ['auto', 'marlin', 'cutlass', 'deepgemm'].includes(low(c.moe_grouped_backend)) &&
      !truthy(c.dsv4_fp4_grouped_mode)
    )
      return hit(
        ['moe_grouped_backend'],
        'key',
        'Axolotl warns: moe_grouped_backend has no effect unless the grouped NVFP4 MoE path is enabled (dsv4_fp4_grouped_mode: nvfp4).',
      );
    const k = ['gemma4_fp8_nonexpert', 'gemma4_nf4_nonexpert'].find((o) => truthy(c[o]));
    return k
      ? hit(
          [k],
          'key',
          `Axolotl warns: \`${k}\` is deprecated; prefer \`nonexpert_quantization: ${k.includes('fp8') ? 'fp8_blockwise' : 'nf4'}\`.`,
        )
      : undefined;
  }),
  axRule('ax-kernels-dsv4-attention-lora', 'error', `${I}kernels/args.py:320`, (c) =>
    kernels(c) &&
    truthy(c.use_dsv4_kernels) &&
    (truthy(c.lora_target_modules) || truthy(c.lora_target_linear)) &&
    !truthy(c.lora_exclude_modules)
      ? hit(
          at(c, 'lora_target_modules', 'lora_target_linear'),
          'key',
          'Axolotl raises: attention/module-level LoRA is not supported with use_dsv4_kernels; keep LoRA experts-only (lora_target_parameters) or exclude the indexer scorer projections via lora_exclude_modules.',
        )
      : undefined,
  ),
  axRule('ax-kernels-dsv4-attention-lora-excluded', 'warning', `${I}kernels/args.py:313`, (c) =>
    kernels(c) &&
    truthy(c.use_dsv4_kernels) &&
    (truthy(c.lora_target_modules) || truthy(c.lora_target_linear)) &&
    truthy(c.lora_exclude_modules)
      ? hit(
          ['lora_exclude_modules'],
          'key',
          'Axolotl warns: with use_dsv4_kernels, make sure lora_exclude_modules excludes the indexer scorer projections (the fused indexer is gradientless).',
        )
      : undefined,
  ),
  axRule('ax-kernels-experts-implementation', 'warning', `${I}kernels/args.py:350`, (c) => {
    const e = c.experts_implementation;
    if (!kernels(c) || !given(e)) return undefined;
    const why =
      e === 'scattermoe' && !moe(c, 'scattermoe')
        ? 'requires `use_scattermoe: true`'
        : e === 'sonicmoe' && !moe(c, 'sonicmoe')
          ? 'requires `use_sonicmoe: true`'
          : !EXPERTS.includes(String(e))
            ? 'is not recognized'
            : '';
    return why
      ? hit(
          ['experts_implementation'],
          'value',
          `\`experts_implementation: ${String(e)}\` ${why}: Axolotl sets it to eager (and warns).`,
        )
      : undefined;
  }),
  axRule('ax-kernels-mlp-kernel-off', 'warning', `${I}kernels/args.py:388`, (c) => {
    const k =
      kernels(c) &&
      (c.use_scattermoe === true ||
        c.use_sonicmoe === true ||
        ['scattermoe', 'sonicmoe'].includes(low(c.expert_backend)))
        ? ['lora_mlp_kernel', 'mlp_kernel'].find((o) => c[o] === true)
        : undefined;
    return k
      ? hit(
          [k],
          'value',
          `With ScatterMoE/SonicMoE experts Axolotl sets \`${k}: false\`${k === 'lora_mlp_kernel' && c.use_dsv4_kernels === true ? ' (and uses dsv4_shared_mlp_lora_kernel)' : ''}.`,
        )
      : undefined;
  }),
];
