// Orthogonal fine-tuning: OFT (Qiu et al. 2023, arXiv 2306.07280), BOFT (Liu et al. 2023,
// arXiv 2311.06243) and HRA (Yuan et al. 2024, arXiv 2405.17484), as PEFT 0.20.0 builds them.
import { flag, int, type Cfg } from '../config';
import { LORA_TARGETS } from '../defaults';
import { kernelArea, trainableOnly, unsupportedModule, type LayerParams, type TunerMethod } from '../method';
import { EstimateError, type ModuleInfo } from '../types';

/** OFT's `adjust_oft_parameters`: the divisor of `features` nearest to `value` (ties go lower). */
export function nearestDivisor(features: number, value: number): number {
  if (value >= features) return features;
  let higher = value;
  while (higher <= features && features % higher !== 0) higher++;
  let lower = value;
  while (lower > 1 && features % lower !== 0) lower--;
  return value - lower <= higher - value ? lower : higher;
}

function inputDim(m: ModuleInfo, method: string): number {
  if (m.kind === 'Linear') return m.inFeatures;
  if (m.kind === 'Conv2d') return m.inFeatures * kernelArea(m);
  throw unsupportedModule(method, m, '`torch.nn.Linear` and `torch.nn.Conv2d`');
}

/** OFT 0.20: r blocks of size b, each stored as b(b-1)/2 skew-symmetric entries (one block if block_share). */
function oftLayer(m: ModuleInfo, cfg: Cfg): LayerParams {
  // OFT 0.20 also rotates embeddings, over the embedding dimension.
  const features = m.kind === 'Embedding' ? m.outFeatures : inputDim(m, 'OFT');
  let r = int(cfg, 'r');
  let b = int(cfg, 'oft_block_size');
  if (r === 0) {
    if (features % b !== 0 || b > features) b = nearestDivisor(features, b);
    r = Math.floor(features / b);
  } else {
    if (features % r !== 0 || r > features) r = nearestDivisor(features, r);
    b = Math.floor(features / r);
  }
  const entries = (b * (b - 1)) / 2;
  return trainableOnly((flag(cfg, 'block_share') ? 1 : r) * entries);
}

function validateOft(cfg: Cfg): void {
  const r = int(cfg, 'r');
  const b = int(cfg, 'oft_block_size');
  if (r === 0 && b === 0)
    throw new EstimateError(
      `Either \`r\` or \`oft_block_size\` must be non-zero. Currently, r = 0 and oft_block_size = 0.`,
    );
  if (r !== 0 && b !== 0) {
    throw new EstimateError(
      `You can only specify either r (${r}) or oft_block_size (${b}), but not both simultaneously, because r x oft_block_size == in_features.`,
    );
  }
}

export const OFT: TunerMethod = {
  peftType: 'OFT',
  label: 'OFT (Qiu et al. 2023, arXiv 2306.07280)',
  defaults: { r: 0, oft_block_size: 32, block_share: false, bias: 'none' },
  targets: LORA_TARGETS,
  validate: validateOft,
  layer: oftLayer,
};

/** BOFT: m butterfly factors of (in/b) full b x b blocks, plus a scale per output feature. */
function boftLayer(m: ModuleInfo, cfg: Cfg): LayerParams {
  const features = inputDim(m, 'BOFT');
  const factors = int(cfg, 'boft_n_butterfly_factor');
  if (factors < 1)
    throw new EstimateError(
      `You can only specify boft_n_butterfly_factor ${factors} to be a positive integer number.`,
    );
  let size = int(cfg, 'boft_block_size');
  let blocks = int(cfg, 'boft_block_num');
  if (size === 0) {
    if (features % blocks !== 0)
      throw new EstimateError(`in_features (${features}) must be divisible by boft_block_num (${blocks})!`);
    if (factors > 1 && (factors - 1 > Math.floor(Math.log2(blocks)) || blocks % 2 ** (factors - 1) !== 0)) {
      throw new EstimateError(
        `Invalid combination of boft_n_butterfly_factor (${factors}) and boft_block_num (${blocks})!`,
      );
    }
    size = features / blocks;
  } else {
    if (features % size !== 0)
      throw new EstimateError(`in_features (${features}) must be divisible by boft_block_size (${size})!`);
    if (factors > 1 && features % (size * 2 ** (factors - 1)) !== 0) {
      throw new EstimateError(
        `Invalid combination of in_features (${features}), boft_n_butterfly_factor (${factors}) and boft_block_size (${size})!`,
      );
    }
    blocks = features / size;
  }
  if (factors > 1 && (blocks % 2 !== 0 || size % 2 !== 0)) {
    throw new EstimateError(
      `boft_block_num (${blocks}) and boft_block_size (${size}) must be even numbers with butterfly factors.`,
    );
  }
  return trainableOnly(factors * blocks * size * size + m.outFeatures);
}

function validateBoft(cfg: Cfg): void {
  const size = int(cfg, 'boft_block_size');
  const blocks = int(cfg, 'boft_block_num');
  if (size === 0 && blocks === 0) {
    throw new EstimateError(
      'Either `boft_block_size` or `boft_block_num` must be non-zero. Currently, boft_block_size = 0 and boft_block_num = 0.',
    );
  }
  if (size !== 0 && blocks !== 0) {
    throw new EstimateError(
      `You can only specify either boft_block_size (${size}) or boft_block_num (${blocks}), but not both simultaneously, because boft_block_size x boft_block_num == in_features.`,
    );
  }
}

export const BOFT: TunerMethod = {
  peftType: 'BOFT',
  label: 'BOFT (Liu et al. 2023, arXiv 2311.06243)',
  defaults: { boft_block_size: 4, boft_block_num: 0, boft_n_butterfly_factor: 1, bias: 'none' },
  targets: LORA_TARGETS,
  validate: validateBoft,
  layer: boftLayer,
};

/** HRA: r Householder vectors of the input dimension. */
function hraLayer(m: ModuleInfo, cfg: Cfg): LayerParams {
  const r = int(cfg, 'r');
  if (r <= 0)
    throw new EstimateError(`\`r\` should be a positive integer value but the value passed is ${r}.`);
  return trainableOnly(inputDim(m, 'HRA') * r);
}

export const HRA: TunerMethod = {
  peftType: 'HRA',
  label: 'HRA (Yuan et al. 2024, arXiv 2405.17484)',
  defaults: { r: 8, bias: 'none' },
  targets: LORA_TARGETS,
  strTargetRejectsLayers: true,
  layer: hraLayer,
};
