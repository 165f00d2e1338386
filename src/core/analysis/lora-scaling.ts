// The LoRA update's scale factor: alpha / r (Hu et al. 2021, arXiv 2106.09685 §4.1), or
// alpha / sqrt(r) with rank-stabilized LoRA (Kalajdzievski 2023, arXiv 2312.03732).
import { LORA_DEFAULTS } from '../estimator/methods/lora';

export interface LoraScaling {
  value: number;
  formula: string;
  rslora: boolean;
  source: string;
}

export function loraScaling(peft: Record<string, unknown>): LoraScaling | undefined {
  const type = String(peft.peft_type ?? '').toUpperCase();
  if (type !== 'LORA' && type !== 'ADALORA') return undefined;
  const r = typeof peft.r === 'number' ? peft.r : LORA_DEFAULTS.r;
  const alpha = typeof peft.lora_alpha === 'number' ? peft.lora_alpha : LORA_DEFAULTS.lora_alpha;
  if (r <= 0) return undefined;
  if (peft.use_rslora === true) {
    const value = alpha / Math.sqrt(r);
    return {
      value,
      rslora: true,
      formula: `lora_alpha / √r = ${alpha} / √${r} = ${round(value)}`,
      source: 'rsLoRA, arXiv 2312.03732',
    };
  }
  const value = alpha / r;
  return {
    value,
    rslora: false,
    formula: `lora_alpha / r = ${alpha} / ${r} = ${round(value)}`,
    source: 'LoRA, arXiv 2106.09685',
  };
}

function round(x: number): string {
  return String(Number(x.toPrecision(4)));
}
