// The table of methods the estimator counts, keyed by PEFT's peft_type (and pseudo types).
import type { TunerMethod } from './method';
import { ADALORA, LORA } from './methods/lora';
import { LOHA, LOKR } from './methods/lycoris';
import { BOFT, HRA, OFT } from './methods/orthogonal';
import { FLORA, SSF, SVFIT } from './methods/papers';
import { C3A, FOURIERFT, IA3, MISS, RANDLORA, SHIRA, VBLORA, VERA } from './methods/vectors';
import { LN_TUNING, TRAINABLE_TOKENS } from './methods/whole';
import { PROMPT_METHODS } from './prompt';

/** Methods that wrap modules (PEFT's BaseTuner family, plus the paper-only SSF/SVFit/FLoRA). */
export const TUNERS: Record<string, TunerMethod> = Object.fromEntries(
  [
    LORA,
    ADALORA,
    IA3,
    LOHA,
    LOKR,
    VERA,
    RANDLORA,
    OFT,
    BOFT,
    HRA,
    FOURIERFT,
    VBLORA,
    SHIRA,
    MISS,
    C3A,
    LN_TUNING,
    TRAINABLE_TOKENS,
    SSF,
    SVFIT,
    FLORA,
  ].map((m) => [m.peftType, m]),
);

/** Pseudo types sent by dialect mappers: not PEFT methods, counted by their own rules. */
export const PSEUDO_TYPES = ['FULL', 'FREEZE', 'BITFIT', 'BOTTLENECK'] as const;

const PAPER_ONLY = new Set(['SSF', 'SVFIT', 'FLORA']);

export function isPaperOnly(peftType: string): boolean {
  return PAPER_ONLY.has(peftType);
}

export function supportedMethods(): string[] {
  return [...Object.keys(TUNERS), ...Object.keys(PROMPT_METHODS), ...PSEUDO_TYPES].sort();
}
