// Fine-tuning formulas: LoRA scaling (LoRA 2106.09685, rsLoRA 2312.03732), the tinker-cookbook LR
// formula that accompanies "LoRA Without Regret", QLoRA's published learning rates (2305.14314).

/** LoRA's ΔW multiplier α/r (Hu et al. §4.1); PEFT `scaling = lora_alpha / r`. */
export function loraScaling(alpha: number, rank: number): number {
  return alpha / rank;
}

/** rsLoRA's rank-stabilised multiplier α/√r (Kalajdzievski 2023); PEFT `use_rslora=True`. */
export function rsLoraScaling(alpha: number, rank: number): number {
  return alpha / Math.sqrt(rank);
}

/**
 * thinking-machines-lab/tinker-cookbook `hyperparam_utils.get_lr`, the version in force from
 * 2025-11-10 (LoRA/full ratio fixed at 10) until it was replaced by a per-model table (2026-08-19):
 * LR_LoRA = 5e-5 · 10 · (2000 / hidden_size)^p, full fine-tuning LR = LR_LoRA / 10.
 */
export const TINKER = {
  base: 5e-5,
  loraOverFull: 10,
  refHidden: 2000,
  exponents: { llama: 0.781, qwen: 0.0775 } as Record<string, number>,
};

/** The formula's family key for an HF model_type, or null when the formula has no exponent for it. */
export function tinkerFamily(modelType: string | undefined): 'llama' | 'qwen' | null {
  if (!modelType) return null;
  const t = modelType.toLowerCase();
  if (t.startsWith('llama')) return 'llama';
  if (t.startsWith('qwen')) return 'qwen';
  return null;
}

export function tinkerLoraLearningRate(hiddenSize: number, family: 'llama' | 'qwen'): number {
  return TINKER.base * TINKER.loraOverFull * (TINKER.refHidden / hiddenSize) ** TINKER.exponents[family];
}

/**
 * QLoRA's Guanaco scripts (artidoro/qlora): lr 2e-4 for 7B/13B, 1e-4 for 33B/65B; 16 sequences per step;
 * warm-up 3% of the steps (scripts/finetune_guanaco_7b.sh:28 `--warmup_ratio 0.03` at 0b46ca80).
 */
export const QLORA = {
  lrSmall: 2e-4,
  lrLarge: 1e-4,
  largeFromParams: 2e10,
  batchSequences: 16,
  warmupRatio: 0.03,
};

export function qloraLearningRate(totalParams: number): number {
  return totalParams >= QLORA.largeFromParams ? QLORA.lrLarge : QLORA.lrSmall;
}

/** LoRA+ (Hayou et al. 2024): η_B = λ·η_A. λ = 2^4 as a default is only secondary-sourced here. */
export const LORA_PLUS_RATIO = 16;
