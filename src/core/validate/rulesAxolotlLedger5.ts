// Axolotl ledger rules, part 5: the config validators of the bundled plugins (integrations/*/args.py
// at 067b021, Axolotl 0.18.0). A plugin's args and validators load only when it is listed under
// `plugins:`, so each rule first checks the listing.
import type { Config, CrossFieldRule } from './ruleKit';
import { at } from './ruleKit';
import { axRule, given, hit, num, obj, pluginListed, setFix, truthy } from './rulesAxolotlLedgerKit';

const I = 'integrations/';
const kernels = (c: Config): boolean => pluginListed(c, 'kernels.KernelsPlugin');
const liger = (c: Config): boolean => pluginListed(c, 'LigerPlugin');
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

export const AXOLOTL_LEDGER_RULES_5: readonly CrossFieldRule[] = [
  axRule('ax-cce-needs-half', 'error', `${I}cut_cross_entropy/args.py:39`, (c) =>
    pluginListed(c, 'CutCrossEntropyPlugin') &&
    truthy(c.cut_cross_entropy) &&
    !(truthy(c.bf16) || truthy(c.fp16))
      ? hit(
          ['cut_cross_entropy'],
          'key',
          'Axolotl raises: "Cut Cross Entropy requires fp16/bf16 training for backward pass. Please set `bf16` or `fp16` to `True`."',
        )
      : undefined,
  ),
  axRule('ax-cce-chunked', 'error', `${I}cut_cross_entropy/args.py:50`, (c) =>
    pluginListed(c, 'CutCrossEntropyPlugin') && truthy(c.chunked_cross_entropy)
      ? hit(
          ['chunked_cross_entropy'],
          'key',
          'Axolotl raises: "Cut Cross Entropy does not support chunked cross entropy."',
          setFix('chunked_cross_entropy', 'false'),
        )
      : undefined,
  ),
  axRule('ax-diffusion-mask-ratios', 'error', `${I}diffusion/args.py:85`, (c) => {
    const d = obj(c.diffusion);
    return pluginListed(c, 'DiffusionPlugin') && num(d.min_mask_ratio, 0.1) > num(d.max_mask_ratio, 0.9)
      ? hit(['diffusion'], 'key', 'Axolotl raises: "min_mask_ratio must be ≤ max_mask_ratio".')
      : undefined;
  }),
  axRule('ax-expert-parallel-sizes', 'error', `${I}expert_parallel/args.py:42`, (c) => {
    if (!pluginListed(c, 'ExpertParallelPlugin')) return undefined;
    if (num(c.expert_parallel_size, 1) < 1)
      return hit(
        ['expert_parallel_size'],
        'value',
        'Axolotl raises: "expert_parallel_size must be >= 1". Use 1 to disable EP.',
      );
    return given(c.expert_parallel_token_capacity) && num(c.expert_parallel_token_capacity, 1) < 1
      ? hit(
          ['expert_parallel_token_capacity'],
          'value',
          'Axolotl raises: "expert_parallel_token_capacity must be >= 1 when set". Use null to disable the cap.',
        )
      : undefined;
  }),
  axRule('ax-expert-parallel-rdma', 'warning', `${I}expert_parallel/args.py:57`, (c) =>
    pluginListed(c, 'ExpertParallelPlugin') &&
    num(c.expert_parallel_size, 1) > 1 &&
    num(c.expert_parallel_num_rdma_bytes, 0) !== 0
      ? hit(
          ['expert_parallel_num_rdma_bytes'],
          'value',
          'Axolotl warns: the RDMA path requires Hopper + IBGDA-capable InfiniBand; it will fail on Ampere or within one node.',
        )
      : undefined,
  ),
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
  axRule('ax-liger-swiglu', 'error', `${I}liger/args.py:71`, (c) =>
    liger(c) && given(c.liger_swiglu) && given(c.liger_glu_activation)
      ? hit(
          ['liger_swiglu'],
          'key',
          'Axolotl raises: "You cannot have both `liger_swiglu` and `liger_glu_activation` set."',
        )
      : undefined,
  ),
  axRule('ax-liger-swiglu-renamed', 'warning', `${I}liger/args.py:75`, (c) =>
    liger(c) && given(c.liger_swiglu) && !given(c.liger_glu_activation)
      ? hit(
          ['liger_swiglu'],
          'key',
          'Axolotl warns: `liger_swiglu` is deprecated and becomes `liger_glu_activation`.',
          {
            title: 'Rename to liger_glu_activation',
            path: ['liger_swiglu'],
            value: '',
            renameTo: 'liger_glu_activation',
          },
        )
      : undefined,
  ),
  axRule('ax-liger-tiled-mlp', 'error', `${I}liger/args.py:90`, (c) =>
    liger(c) &&
    (c.liger_glu_activation === true || (c.liger_swiglu === true && !given(c.liger_glu_activation))) &&
    c.tiled_mlp === true &&
    !truthy(c.tiled_mlp_use_original_mlp)
      ? hit(
          ['tiled_mlp'],
          'key',
          'Axolotl raises: "You cannot have both `liger_glu_activation` and `tiled_mlp` set without `tiled_mlp_use_original_mlp: true`."',
          setFix('tiled_mlp_use_original_mlp', 'true'),
        )
      : undefined,
  ),
  axRule('ax-liger-tensor-parallel', 'error', `${I}liger/args.py:99`, (c) => {
    const k =
      liger(c) && num(c.tensor_parallel_size, 1) > 1
        ? ['liger_rms_norm', 'liger_fused_linear_cross_entropy'].find((o) => truthy(c[o]))
        : undefined;
    return k
      ? hit(
          [k],
          'key',
          `Axolotl raises: \`${k}\` is incompatible with tensor parallelism (tensor_parallel_size > 1).`,
        )
      : undefined;
  }),
  axRule('ax-liger-token-scaling', 'error', `${I}liger/args.py:111`, (c) =>
    liger(c) && truthy(c.liger_use_token_scaling) && !truthy(c.liger_fused_linear_cross_entropy)
      ? hit(
          ['liger_use_token_scaling'],
          'key',
          'Axolotl raises: "`liger_use_token_scaling: true` requires `liger_fused_linear_cross_entropy` enabled."',
          setFix('liger_fused_linear_cross_entropy', 'true'),
        )
      : undefined,
  ),
  axRule('ax-nemo-gym', 'error', `${I}nemo_gym/args.py:137`, (c) => {
    if (!pluginListed(c, 'NemoGymPlugin') || !truthy(c.nemo_gym_enabled)) return undefined;
    if (!truthy(c.nemo_gym_config_paths) && c.nemo_gym_auto_start !== false && c.nemo_gym_auto_start !== null)
      return hit(
        ['nemo_gym_enabled'],
        'key',
        'Axolotl raises: "nemo_gym_config_paths is required when nemo_gym_enabled=True and nemo_gym_auto_start is not False."',
      );
    return !truthy(c.nemo_gym_datasets)
      ? hit(
          ['nemo_gym_enabled'],
          'key',
          'Axolotl raises: "nemo_gym_datasets is required when nemo_gym_enabled=True."',
        )
      : undefined;
  }),
  axRule('ax-spectrum-fsdp-orig-params', 'error', `${I}spectrum/args.py:44`, (c) =>
    pluginListed(c, 'SpectrumPlugin') &&
    truthy(c.fsdp) &&
    truthy(c.fsdp_config) &&
    !truthy(obj(c.fsdp_config).use_orig_params)
      ? hit(
          ['fsdp_config'],
          'key',
          'Axolotl raises: "FSDP + SpectrumPlugin cannot be used together when `use_orig_params=False` is set".',
        )
      : undefined,
  ),
  axRule('ax-swanlab', 'error', `${I}swanlab/args.py:103`, (c) => {
    if (!pluginListed(c, 'SwanLabPlugin')) return undefined;
    if (given(c.swanlab_mode) && !['cloud', 'local', 'offline', 'disabled'].includes(String(c.swanlab_mode)))
      return hit(
        ['swanlab_mode'],
        'value',
        `Axolotl raises: invalid swanlab_mode '${String(c.swanlab_mode)}' (cloud, local, offline or disabled).`,
      );
    if (typeof c.swanlab_project === 'string' && !c.swanlab_project.trim())
      return hit(
        ['swanlab_project'],
        'value',
        'Axolotl raises: "swanlab_project cannot be an empty string."',
      );
    return c.use_swanlab === true && !truthy(c.swanlab_project)
      ? hit(
          ['use_swanlab'],
          'key',
          "Axolotl raises: SwanLab enabled (use_swanlab: true) but 'swanlab_project' is not set.",
        )
      : undefined;
  }),
];
