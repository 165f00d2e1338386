// LoHa (Hyeon-Woo et al. 2022, arXiv 2108.06098) and LoKr (Edalati et al. 2022, arXiv 2212.10650) as
// PEFT 0.20.0 builds them (tuners/loha/layer.py, tuners/lokr/layer.py, tuners/lycoris_utils.py).
import { flag, int, num, type Cfg } from '../config';
import { LORA_TARGETS } from '../defaults';
import { patternValue } from '../matching';
import { kernelArea, trainableOnly, type LayerParams, type TunerMethod } from '../method';
import { EstimateError, type ModuleInfo } from '../types';

function rankFor(cfg: Cfg, key: string): number {
  const r = patternValue(cfg.rank_pattern as Record<string, number> | null, key) ?? num(cfg, 'r');
  if (!Number.isInteger(r) || r <= 0)
    throw new EstimateError(`\`r\` should be a positive integer value but the value passed is ${r}.`);
  return r;
}

/** LyCORIS layers accept only Linear and Conv layers; GPT-2's Conv1D is refused with a TypeError. */
function requireLycorisKind(m: ModuleInfo): void {
  if (m.kind === 'Linear' || m.kind === 'Conv2d') return;
  const cls = m.kind === 'Conv1D' ? 'transformers.pytorch_utils.Conv1D' : `torch.nn.${m.kind}`;
  throw new EstimateError(
    `Target module "${m.name}" of type ${cls} not supported, currently only adapters for Conv2d, Conv1d, Linear are supported.`,
  );
}

/** LoHa: two Hadamard-multiplied low-rank pairs, 2 r (out + in); Conv2d flattens the kernel into in. */
function lohaLayer(m: ModuleInfo, cfg: Cfg, key: string): LayerParams {
  requireLycorisKind(m);
  const r = rankFor(cfg, key);
  if (m.kind === 'Linear') return trainableOnly(2 * r * (m.inFeatures + m.outFeatures));
  const k2 = kernelArea(m);
  if (flag(cfg, 'use_effective_conv2d') && k2 > 1) {
    return trainableOnly(2 * (r * r * k2 + r * (m.outFeatures + m.inFeatures)));
  }
  return trainableOnly(2 * r * (m.outFeatures + m.inFeatures * k2));
}

export const LOHA: TunerMethod = {
  peftType: 'LOHA',
  label: 'LoHa (Hyeon-Woo et al. 2022, arXiv 2108.06098)',
  defaults: { r: 8, alpha: 8, use_effective_conv2d: false, rank_pattern: {}, alpha_pattern: {} },
  targets: LORA_TARGETS,
  layer: lohaLayer,
};

/** PEFT's `factorization(dimension, factor)`: (m, n) with m * n = dimension, m <= n. */
export function factorization(dimension: number, factor = -1): [number, number] {
  if (factor > 0 && dimension % factor === 0) {
    const m = factor;
    return [m, dimension / factor]; // PEFT returns this pair unsorted
  }
  const limit = factor === -1 ? dimension : factor;
  let m = 1;
  let n = dimension;
  while (m < n) {
    let next = m + 1;
    while (dimension % next !== 0) next++;
    const nextN = dimension / next;
    if (next + nextN > m + n || next > limit) break;
    m = next;
    n = nextN;
  }
  return m > n ? [n, m] : [m, n];
}

/** LoKr: W = w1 ⊗ w2; w1 (out_l x in_m) full unless decompose_both, w2 (out_k x in_n) low-rank when r is small. */
function lokrLayer(m: ModuleInfo, cfg: Cfg, key: string): LayerParams {
  requireLycorisKind(m);
  const r = rankFor(cfg, key);
  const factor = int(cfg, 'decompose_factor');
  const k2 = m.kind === 'Conv2d' ? kernelArea(m) : 1;
  const [inM, inN] = factorization(m.inFeatures, factor);
  const [outL, outK] = factorization(m.outFeatures, factor);
  const useW1 = !(flag(cfg, 'decompose_both') && r < Math.max(outL, inM) / 2);
  const useW2 = !(r < Math.max(outK, inN) / 2);
  const w1 = useW1 ? outL * inM : r * (outL + inM);
  return trainableOnly(w1 + lokrW2(useW2, flag(cfg, 'use_effective_conv2d') && k2 > 1, r, outK, inN, k2));
}

/** w2: full (out_k x in_n x kernel); low-rank; or, for a k x k conv with use_effective_conv2d, a CP core t2. */
function lokrW2(
  full: boolean,
  effectiveConv: boolean,
  r: number,
  outK: number,
  inN: number,
  k2: number,
): number {
  if (full) return outK * inN * k2;
  if (effectiveConv) return r * r * k2 + r * outK + r * inN; // lokr_t2 (r, r, k, k), w2_a (r, out_k), w2_b (r, in_n)
  return r * (outK + inN * k2);
}

export const LOKR: TunerMethod = {
  peftType: 'LOKR',
  label: 'LoKr (Edalati et al. 2022, arXiv 2212.10650)',
  defaults: {
    r: 8,
    alpha: 8,
    decompose_both: false,
    decompose_factor: -1,
    use_effective_conv2d: false,
    rank_pattern: {},
    alpha_pattern: {},
  },
  targets: LORA_TARGETS,
  layer: lokrLayer,
};
