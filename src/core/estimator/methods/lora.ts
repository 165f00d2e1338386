// LoRA (Hu et al. 2021, arXiv 2106.09685) and AdaLoRA (Zhang et al. 2023, arXiv 2303.10512) as PEFT
// 0.20.0 builds them (tuners/lora/layer.py `update_layer`, tuners/adalora/layer.py).
import { flag, int, num, type Cfg } from '../config';
import { ADALORA_TARGETS, LORA_TARGETS } from '../defaults';
import { patternValue } from '../matching';
import { isLinearLike, kernelArea, trainableOnly, unsupportedModule, type LayerParams, type TunerMethod } from '../method';
import { EstimateError, type ModuleInfo } from '../types';

const LORA_KINDS = '`torch.nn.Linear`, `torch.nn.Embedding`, `torch.nn.Conv1d/2d/3d`, `transformers.pytorch_utils.Conv1D`';

/** The rank for one module: rank_pattern's first matching key, else r. */
export function loraRank(cfg: Cfg, key: string): number {
  const pattern = cfg.rank_pattern as Record<string, number> | null;
  const r = patternValue(pattern, key) ?? num(cfg, 'r');
  if (!Number.isInteger(r) || r <= 0) {
    throw new EstimateError(`\`r\` should be a positive integer value but the value passed is ${r} (module "${key}").`);
  }
  return r;
}

/** LoRA A (r x in) and B (out x r), + out for lora_bias (bias on B), + out for DoRA's magnitude vector. */
function loraLayer(m: ModuleInfo, cfg: Cfg, key: string): LayerParams {
  const r = loraRank(cfg, key);
  const dora = flag(cfg, 'use_dora') ? m.outFeatures : 0;
  const bias = flag(cfg, 'lora_bias') ? m.outFeatures : 0;
  if (isLinearLike(m)) return trainableOnly(r * (m.inFeatures + m.outFeatures) + bias + dora);
  if (m.kind === 'Embedding') {
    if (bias) throw new EstimateError(`lora_bias=True is not supported for Embedding ("${key}").`);
    return trainableOnly(r * (m.inFeatures + m.outFeatures) + dora);
  }
  if (m.kind === 'Conv2d') {
    // lora_A: conv in->r with the base kernel; lora_B: 1x1 conv r->out.
    return trainableOnly(r * m.inFeatures * kernelArea(m) + r * m.outFeatures + bias + dora);
  }
  throw unsupportedModule('LoRA', m, LORA_KINDS);
}

function validateLora(cfg: Cfg): void {
  if (flag(cfg, 'lora_bias') && flag(cfg, 'use_dora')) {
    throw new EstimateError('The argument lora_bias=True is not supported for DoRA, please pass use_dora=False.');
  }
  if (Array.isArray(cfg.target_parameters) || cfg.target_parameters === null || cfg.target_parameters === undefined) return;
  throw new EstimateError('`target_parameters` must be a list of strings or None.');
}

export const LORA: TunerMethod = {
  peftType: 'LORA',
  label: 'LoRA (Hu et al. 2021, arXiv 2106.09685)',
  defaults: { r: 8, lora_alpha: 8, bias: 'none', use_dora: false, lora_bias: false, rank_pattern: {}, alpha_pattern: {} },
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
    throw new EstimateError('The values of `tinit` and `tfinal` leave no budgeting phase: tinit must be < total_step - tfinal.');
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
