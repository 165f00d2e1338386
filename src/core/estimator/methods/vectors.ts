// Methods that add small vectors or sparse/structured deltas per module, as PEFT 0.20.0 builds them.
import { int, numberMap, targetField, type Cfg } from '../config';
import { dottedPatternValue } from '../matching';
import {
  FOURIERFT_TARGETS,
  IA3_FEEDFORWARD,
  IA3_TARGETS,
  LORA_TARGETS,
  VBLORA_TARGETS,
  VERA_TARGETS,
} from '../defaults';
import { fullmatch } from '../pyregex';
import {
  isLinearLike,
  trainableOnly,
  unsupportedModule,
  type LayerParams,
  type TunerMethod,
} from '../method';
import { EstimateError, type ModuleInfo } from '../types';

const LINEAR_CONV1D = '`torch.nn.Linear` and `transformers.pytorch_utils.Conv1D`';

function isFeedforward(cfg: Cfg, key: string): boolean {
  const ff = targetField(cfg, 'feedforward_modules');
  if (typeof ff === 'string') return fullmatch(ff, key);
  return (ff ?? []).some((name) => key.endsWith(name)); // PEFT uses a bare suffix here, no dot boundary
}

/** IA3: one scaling vector, of in_features for feed-forward modules, out_features otherwise. */
function ia3Layer(m: ModuleInfo, cfg: Cfg, key: string): LayerParams {
  if (!isLinearLike(m) && m.kind !== 'Conv2d')
    throw unsupportedModule('IA3', m, '`torch.nn.Linear`, `torch.nn.Conv2d` and `Conv1D`');
  return trainableOnly(isFeedforward(cfg, key) ? m.inFeatures : m.outFeatures);
}

export const IA3: TunerMethod = {
  peftType: 'IA3',
  label: '(IA)³ (Liu et al. 2022, arXiv 2205.05638)',
  defaults: {},
  targets: IA3_TARGETS,
  validate(cfg) {
    const t = cfg.target_modules;
    const ff = cfg.feedforward_modules;
    if (Array.isArray(t) && Array.isArray(ff) && !ff.every((f) => t.includes(f))) {
      throw new EstimateError('`feedforward_modules` should be a subset of `target_modules`.');
    }
  },
  prepare(cfg, modelType) {
    if (cfg.feedforward_modules !== undefined && cfg.feedforward_modules !== null) return;
    const dflt = IA3_FEEDFORWARD[modelType];
    if (dflt === undefined) throw new EstimateError('Please specify `feedforward_modules` in `peft_config`.');
    cfg.feedforward_modules = dflt;
  },
  layer: ia3Layer,
};

/** VeRA: trainable lambda_d (r) and lambda_b (out); the shared random A and B are buffers. */
export const VERA: TunerMethod = {
  peftType: 'VERA',
  label: 'VeRA (Kopiczko et al. 2023, arXiv 2310.11454)',
  defaults: { r: 256, bias: 'none' },
  targets: VERA_TARGETS,
  layer(m, cfg) {
    if (!isLinearLike(m)) throw unsupportedModule('VeRA', m, LINEAR_CONV1D);
    return trainableOnly(int(cfg, 'r') + m.outFeatures);
  },
};

/**
 * RandLoRA (Albert et al. 2025, arXiv 2502.00987), PEFT 0.20.0 tuners/randlora/layer.py:118-125
 * `update_layer`: num_bases = ceil(min(in, out) / r); trainable randlora_lambda (r x num_bases) and
 * randlora_gamma (num_bases x min(in, out)); the shared random bases randlora_A/B are buffers (model.py:147).
 */
export const RANDLORA: TunerMethod = {
  peftType: 'RANDLORA',
  label: 'RandLoRA (Albert et al. 2025, arXiv 2502.00987)',
  defaults: { r: 32, bias: 'none' },
  targets: LORA_TARGETS,
  layer(m, cfg) {
    if (!isLinearLike(m)) throw unsupportedModule('RandLoRA', m, LINEAR_CONV1D);
    const r = int(cfg, 'r');
    if (r <= 0)
      throw new EstimateError(`\`r\` should be a positive integer value but the value passed is ${r}`);
    const small = Math.min(m.inFeatures, m.outFeatures);
    const bases = Math.ceil(small / r);
    return trainableOnly(r * bases + bases * small);
  },
};

/** FourierFT: n_frequency learned spectral coefficients per module. */
export const FOURIERFT: TunerMethod = {
  peftType: 'FOURIERFT',
  label: 'FourierFT (Gao et al. 2024, arXiv 2405.03003)',
  defaults: { n_frequency: 1000, bias: 'none' },
  targets: FOURIERFT_TARGETS,
  strTargetRejectsLayers: true,
  layer(m, cfg, key) {
    if (!isLinearLike(m)) throw unsupportedModule('FourierFT', m, LINEAR_CONV1D);
    const n = dottedPatternValue(numberMap(cfg, 'n_frequency_pattern'), key) ?? int(cfg, 'n_frequency');
    if (!Number.isInteger(n))
      throw new EstimateError(`\`n_frequency\` must be a whole number, got ${n} for "${key}".`);
    if (n <= 0 || n > m.inFeatures * m.outFeatures) {
      throw new EstimateError(
        `\`n_frequency\` must be between 1 and in x out features (${m.inFeatures * m.outFeatures}) of "${m.name}", got ${n}.`,
      );
    }
    return trainableOnly(n);
  },
};

/** VB-LoRA: per-module logits over a shared vector bank; the bank (num_vectors x vector_length) once. */
export const VBLORA: TunerMethod = {
  peftType: 'VBLORA',
  label: 'VB-LoRA (Li et al. 2024, arXiv 2405.15179)',
  defaults: { r: 4, num_vectors: 256, vector_length: 256, topk: 2, bias: 'none' },
  targets: VBLORA_TARGETS,
  layer(m, cfg) {
    if (!isLinearLike(m)) throw unsupportedModule('VB-LoRA', m, LINEAR_CONV1D);
    const [r, n, len] = [int(cfg, 'r'), int(cfg, 'num_vectors'), int(cfg, 'vector_length')];
    if (m.inFeatures % len !== 0 || m.outFeatures % len !== 0) {
      throw new EstimateError(
        `in_features ${m.inFeatures} and out_features ${m.outFeatures} of "${m.name}" must be divisible by \`vector_length\` ${len}.`,
      );
    }
    return trainableOnly(r * (m.inFeatures / len) * n + (m.outFeatures / len) * r * n);
  },
  shared: (cfg) => int(cfg, 'num_vectors') * int(cfg, 'vector_length'),
};

function linearOnly(method: string, m: ModuleInfo): void {
  if (m.kind !== 'Linear') throw unsupportedModule(method, m, '`torch.nn.Linear`');
}

/** SHiRA: r (in + out) sparse entries of the weight itself. */
export const SHIRA: TunerMethod = {
  peftType: 'SHIRA',
  label: 'SHiRA (Bhardwaj et al. 2024, arXiv 2406.13175)',
  defaults: { r: 32 },
  targets: VERA_TARGETS,
  layer(m, cfg) {
    linearOnly('SHiRA', m);
    const n = int(cfg, 'r') * (m.inFeatures + m.outFeatures);
    if (n > m.inFeatures * m.outFeatures)
      throw new EstimateError(`SHiRA r is too large for "${m.name}": r (in + out) exceeds in x out.`);
    return trainableOnly(n);
  },
};

/**
 * MiSS's `miss_block` (tuners/miss/layer.py `update_layer`): r x out by default; init_weights "bat" makes
 * it (out/r) x r x r (the same count, but in and out must divide by r); "mini" makes it r x mini_r.
 */
function missBlock(m: ModuleInfo, cfg: Cfg): number {
  const r = int(cfg, 'r');
  if (r <= 0)
    throw new EstimateError(`\`r\` should be a positive integer value but the value passed is ${r}.`);
  const mode = cfg.init_weights;
  if (mode === 'bat') {
    if (m.inFeatures % r !== 0 || m.outFeatures % r !== 0)
      throw new EstimateError(
        `MiSS init_weights="bat": the weight of "${m.name}" must be fully divisible into [r, r] blocks.`,
      );
    return (m.outFeatures / r) * r * r;
  }
  if (mode === 'mini') {
    const mini = int(cfg, 'mini_r');
    if (m.outFeatures % mini !== 0)
      throw new EstimateError(
        `MiSS init_weights="mini": out_features of "${m.name}" (${m.outFeatures}) must be divisible by mini_r (${mini}).`,
      );
    return r * mini;
  }
  return r * m.outFeatures;
}

/** MiSS: one r x out block per module (see missBlock for the init_weights modes). */
export const MISS: TunerMethod = {
  peftType: 'MISS',
  label: 'MiSS (Kang & Yin 2024, arXiv 2409.15371)',
  defaults: { r: 64, mini_r: 1, init_weights: true, bias: 'none' },
  targets: LORA_TARGETS,
  strTargetRejectsLayers: true,
  layer(m, cfg) {
    linearOnly('MiSS', m);
    return trainableOnly(missBlock(m, cfg));
  },
};

/** C3A: circular-convolution kernels, (out/b) x (in/b) blocks of b entries. */
export const C3A: TunerMethod = {
  peftType: 'C3A',
  label: 'C3A (Chen et al. 2024, arXiv 2407.19342)',
  defaults: { block_size: 256, bias: 'none' },
  targets: FOURIERFT_TARGETS,
  strTargetRejectsLayers: true,
  layer(m, cfg, key) {
    linearOnly('C3A', m);
    const b = dottedPatternValue(numberMap(cfg, 'block_size_pattern'), key) ?? int(cfg, 'block_size');
    if (!Number.isInteger(b) || b <= 0 || m.inFeatures % b !== 0 || m.outFeatures % b !== 0) {
      throw new EstimateError(
        `The block size ${b} should be a factor of the input (${m.inFeatures}) and output (${m.outFeatures}) sizes of "${m.name}".`,
      );
    }
    return trainableOnly((m.outFeatures / b) * (m.inFeatures / b) * b);
  },
};
