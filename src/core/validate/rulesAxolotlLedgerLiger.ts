// Axolotl ledger rules: the config validators of the liger, nemo_gym, spectrum and swanlab plugins
// (integrations/*/args.py at 067b021, Axolotl 0.18.0). A plugin's args and validators load only when
// it is listed under `plugins:`, so each rule first checks the listing.
import type { Config, CrossFieldRule } from './ruleKit';
import { axRule, given, hit, num, obj, pluginListed, setFix, truthy } from './rulesAxolotlLedgerKit';

const I = 'integrations/';
const liger = (c: Config): boolean => pluginListed(c, 'LigerPlugin');

export const AXOLOTL_LEDGER_LIGER: readonly CrossFieldRule[] = [
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
