// LoRA (Hu et al. 2021, arXiv 2106.09685) and AdaLoRA (Zhang et al. 2023, arXiv 2303.10512) as PEFT
// 0.20.0 builds them (tuners/lora/layer.py `update_layer`, tuners/adalora/layer.py).
import { flag, int, num, type Cfg } from '../config';
import { ADALORA_TARGETS, LORA_TARGETS } from '../defaults';
import { patternValue } from '../matching';
import {
  isLinearLike,
  kernelArea,
  trainableOnly,
  unsupportedModule,
  type LayerParams,
  type TunerMethod,
} from '../method';
import { EstimateError, type ModuleInfo } from '../types';

const LORA_KINDS =
  '`torch.nn.Linear`, `torch.nn.Embedding`, `torch.nn.Conv1d/2d/3d`, `transformers.pytorch_utils.Conv1D`';

/** The rank for one module: rank_pattern's first matching key, else r. */
export function loraRank(cfg: Cfg, key: string): number {
  const pattern = cfg.rank_pattern as Record<string, number> | null;
  const r = patternValue(pattern, key) ?? num(cfg, 'r');
  if (!Number.isInteger(r) || r <= 0) {
    throw new EstimateError(
      `\`r\` should be a positive integer value but the value passed is ${r} (module "${key}").`,
    );
  }
  return r;
}

/**
 * LoRA variants a layer class accepts (lora/layer.py `lora_variants`), keyed like PEFT's sorted tuples.
 * Variants that keep vanilla LoRA's shapes are counted; the others are refused rather than guessed.
 */
const VARIANTS_BY_KIND: Record<string, readonly string[]> = {
  Linear: [
    'use_dora',
    'arrow_config',
    'use_bdlora',
    'alora_invocation_tokens',
    'velora_config',
    'monteclora_config',
    'mica',
  ],
  Embedding: ['use_dora', 'mica'],
  Conv2d: ['use_dora'],
  Conv3d: ['use_dora'], // peft/tuners/lora/layer.py:1803-1817 (v0.20.0): Conv3d(_ConvNd), DoraConv3dVariant
};
const UNCOUNTED_VARIANTS = new Set(['arrow_config', 'use_bdlora', 'monteclora_config']);

/** Config fields that request a variant: every Linear variant but MiCA, which init_lora_weights requests. */
const VARIANT_FIELDS = VARIANTS_BY_KIND.Linear.filter((v) => v !== 'mica');
/** The requested variants of a config, worked out once per config rather than once per wrapped layer. */
const requestedByConfig = new WeakMap<Cfg, string[]>();

function requestedVariants(cfg: Cfg): string[] {
  let requested = requestedByConfig.get(cfg);
  if (!requested) {
    requested = VARIANT_FIELDS.filter((f) => isTruthy(cfg[f]));
    if (cfg.init_lora_weights === 'mica') requested.push('mica');
    requested.sort();
    requestedByConfig.set(cfg, requested);
  }
  return requested;
}

/** `resolve_lora_variant`: the requested variants (truthy fields, init_lora_weights == "mica"), checked per layer. */
function loraVariant(m: ModuleInfo, cfg: Cfg): string | null {
  const requested = requestedVariants(cfg);
  if (requested.length === 0) return null;
  const allowed = VARIANTS_BY_KIND[m.kind === 'Conv1D' ? 'Linear' : m.kind] ?? [];
  if (requested.length > 1 || !allowed.includes(requested[0])) {
    throw new EstimateError(
      `Invalid or unsupported variant combination: (${requested.map((v) => `'${v}'`).join(', ')}) for "${m.name}" (a ${m.kind}); PEFT raises ValueError.`,
    );
  }
  if (UNCOUNTED_VARIANTS.has(requested[0])) {
    throw new EstimateError(
      `LoRA with ${requested[0]} changes the adapter's shapes in ways this estimator does not count yet.`,
    );
  }
  return requested[0];
}

/** Python truthiness of a config value (None, False, 0, "", [] and {} are false). */
function isTruthy(v: unknown): boolean {
  if (v === undefined || v === null || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v as object).length > 0;
  return true;
}

/**
 * LoRA A (r x in) and B (out x r), + out for lora_bias (bias on B), + out for DoRA's magnitude vector.
 * MiCA (init_lora_weights="mica") freezes B (and its bias): it stays in the total but does not train.
 */
function loraLayer(m: ModuleInfo, cfg: Cfg, key: string): LayerParams {
  const r = loraRank(cfg, key);
  if (cfg.init_lora_weights === 'orthogonal' && r % 2 !== 0) {
    throw new EstimateError(
      `Orthogonal initialization requires the LoRA rank to be even, got ${r} instead (module "${key}").`,
    );
  }
  const variant = loraVariant(m, cfg);
  const dora = variant === 'use_dora' ? m.outFeatures : 0;
  const bias = flag(cfg, 'lora_bias') ? m.outFeatures : 0;
  if (isLinearLike(m) || m.kind === 'Embedding') {
    if (m.kind === 'Embedding' && bias)
      throw new EstimateError(`lora_bias=True is not supported for Embedding ("${key}").`);
    const a = r * m.inFeatures;
    const b = r * m.outFeatures + bias;
    return variant === 'mica' ? { trainable: a, frozen: b } : trainableOnly(a + b + dora);
  }
  if (m.kind === 'Conv2d' || m.kind === 'Conv3d') {
    // lora_A: conv in->r with the base kernel; lora_B: 1x1 (1x1x1) conv r->out.
    return trainableOnly(r * m.inFeatures * kernelArea(m) + r * m.outFeatures + bias + dora);
  }
  throw unsupportedModule('LoRA', m, LORA_KINDS);
}

function validateLora(cfg: Cfg): void {
  const init = cfg.init_lora_weights ?? true;
  if (init === 'loftq' && !isTruthy(cfg.loftq_config)) {
    throw new EstimateError("`loftq_config` must be specified when `init_lora_weights` is 'loftq'.");
  }
  if (flag(cfg, 'lora_bias') && init !== true && init !== false) {
    throw new EstimateError(
      `The argument lora_bias=True is only supported with init_lora_weights=True or False, got init_lora_weights=${JSON.stringify(init)} instead.`,
    );
  }
  if (flag(cfg, 'lora_bias') && flag(cfg, 'use_dora')) {
    throw new EstimateError(
      'The argument lora_bias=True is not supported for DoRA, please pass use_dora=False.',
    );
  }
  if (
    Array.isArray(cfg.target_parameters) ||
    cfg.target_parameters === null ||
    cfg.target_parameters === undefined
  )
    return;
  throw new EstimateError('`target_parameters` must be a list of strings or None.');
}

/** PEFT's LoraConfig defaults (peft/tuners/lora/config.py): the one place r = 8, lora_alpha = 8 live. */
export const LORA_DEFAULTS = {
  r: 8,
  lora_alpha: 8,
  lora_dropout: 0,
  bias: 'none',
  use_dora: false,
  lora_bias: false,
  rank_pattern: {},
  alpha_pattern: {},
} as const;

export const LORA: TunerMethod = {
  peftType: 'LORA',
  label: 'LoRA (Hu et al. 2021, arXiv 2106.09685)',
  defaults: {
    r: LORA_DEFAULTS.r,
    lora_alpha: LORA_DEFAULTS.lora_alpha,
    bias: LORA_DEFAULTS.bias,
    use_dora: false,
    lora_bias: false,
    rank_pattern: {},
    alpha_pattern: {},
  },
  targets: LORA_TARGETS,
  strTargetRejectsLayers: true,
  validate: validateLora,
  layer: loraLayer,
};

/** AdaLoRA: A (r x in), E (r), B (out x r) trainable with r = init_r; one frozen `ranknum` scalar. */
function adaloraLayer(m: ModuleInfo, cfg: Cfg): LayerParams {
  if (!isLinearLike(m)) throw unsupportedModule('AdaLoRA', m, '`torch.nn.Linear` and `Conv1D`');
  const r = int(cfg, 'init_r');
  return { trainable: r * (m.inFeatures + m.outFeatures) + r, frozen: 1 };
}

function validateAdalora(cfg: Cfg): void {
  if (flag(cfg, 'use_dora')) throw new EstimateError('ADALORA does not support DoRA.');
  const total = cfg.total_step;
  if (typeof total !== 'number' || total <= 0) {
    throw new EstimateError('AdaLoRA does not work when `total_step` is None, supply a value > 0.');
  }
  if (num(cfg, 'tinit') >= total - num(cfg, 'tfinal')) {
    throw new EstimateError(
      'The values of `tinit` and `tfinal` leave no budgeting phase: tinit must be < total_step - tfinal.',
    );
  }
}

export const ADALORA: TunerMethod = {
  peftType: 'ADALORA',
  label: 'AdaLoRA (Zhang et al. 2023, arXiv 2303.10512)',
  defaults: { init_r: 12, target_r: 8, tinit: 0, tfinal: 0, bias: 'none' },
  targets: ADALORA_TARGETS,
  strTargetRejectsLayers: true,
  validate: validateAdalora,
  layer: adaloraLayer,
};
