// Which (model_type, head) pairs the PEFT oracle checked: ../shared/oracle (transformers 4.47) with
// base_total equal on every case and module names equal to the ones PEFT wrapped, and
// ../shared/oracle/transformers (test/data/oracle/transformers: transformers 4.57.6 and 5.12.1) with
// trainable and total equal; LOCAL_ORACLE_VERIFIED below holds our own oracle's pairs. Everything else is
// built from transformers source by reading it, and the inventory says so.
import type { HeadKind } from './types';

export const ORACLE_VERIFIED: Readonly<Record<string, readonly HeadKind[]>> = {
  llama: ['causal_lm', 'seq_cls', 'base'],
  mistral: ['causal_lm'],
  mixtral: ['causal_lm'],
  qwen2: ['causal_lm', 'seq_cls'],
  gemma: ['causal_lm'],
  gemma2: ['causal_lm'],
  phi: ['causal_lm'],
  phi3: ['causal_lm'],
  gpt2: ['causal_lm', 'seq_cls', 'base'],
  gpt_neox: ['causal_lm'],
  gptj: ['causal_lm'],
  opt: ['causal_lm'],
  bloom: ['causal_lm'],
  falcon: ['causal_lm'],
  bert: ['seq_cls', 'token_cls', 'qa', 'base'],
  roberta: ['seq_cls'],
  distilbert: ['seq_cls'],
  'deberta-v2': ['seq_cls'],
  t5: ['seq2seq_lm', 'encoder_only'],
  bart: ['seq2seq_lm'],
  vit: ['image_cls'],
  // transformers 4.57.6 and 5.12.1 oracle
  qwen3: ['causal_lm', 'seq_cls', 'base'],
  gemma3_text: ['causal_lm'],
  mt5: ['seq2seq_lm'],
  'xlm-roberta': ['seq_cls'],
  qwen2_moe: ['causal_lm'],
  qwen3_moe: ['causal_lm'],
  granite: ['causal_lm'],
  starcoder2: ['causal_lm', 'seq_cls'],
  deepseek_v3: ['causal_lm'],
  gpt_oss: ['causal_lm'],
  olmo2: ['causal_lm'],
};

/**
 * Pairs checked by this repository's own oracle (scripts/oracle/peft_count.py: PEFT 0.20.0 on transformers
 * 4.57.6 / 5.17.0, answers in test/data/oracle/local), trainable and total equal on every case.
 */
export const LOCAL_ORACLE_VERIFIED: Readonly<Record<string, readonly HeadKind[]>> = {
  // vision-language models (the 4.47-4.51 module names of these VLMs are read from source)
  qwen2_vl: ['causal_lm'],
  qwen2_5_vl: ['causal_lm'],
  llava_next: ['causal_lm'],
  paligemma: ['causal_lm'],
  llama4: ['causal_lm'],
  llava: ['causal_lm'],
  gemma3: ['causal_lm'],
  mllama: ['causal_lm'],
  smolvlm: ['causal_lm'],
  // MLA / shared-expert MoE (moe-<release>.json)
  deepseek_v2: ['causal_lm'],
  glm4_moe: ['causal_lm'],
  glm4_moe_lite: ['causal_lm'],
  minimax_m2: ['causal_lm'],
  qwen3_next: ['causal_lm'],
  qwen3_vl: ['causal_lm'],
  qwen3_vl_moe: ['causal_lm'],
  qwen3_5: ['causal_lm'],
  qwen3_5_moe: ['causal_lm'],
  // attention / state-space hybrids and Mamba (hybrid-, mamba-<release>.json)
  falcon_h1: ['causal_lm'],
  jamba: ['causal_lm'],
  mamba: ['causal_lm'],
  smollm3: ['causal_lm', 'seq_cls'], // smollm3-<release>.json
  // dense decoders (dense-<release>.json)
  olmo3: ['causal_lm', 'seq_cls'],
  stablelm: ['causal_lm', 'seq_cls'],
  mpt: ['causal_lm', 'seq_cls'],
  nemotron: ['causal_lm', 'seq_cls'],
  arcee: ['causal_lm', 'seq_cls'],
  hunyuan_v1_dense: ['causal_lm', 'seq_cls'],
  mistral3: ['causal_lm'], // mistral3-<release>.json
  ministral3: ['causal_lm'], // ministral3-<release>.json
  // Gemma 4 multimodal and text-only, with per-layer embeddings, shared KV and MoE (gemma4-<release>.json)
  gemma4: ['causal_lm'],
  gemma4_text: ['causal_lm'],
  nemotron_h: ['causal_lm'], // Nemotron-H / Nemotron 3, 5.x only (nemotron-h-5.17.0.json)
};

/** Why an inventory is not oracle-checked, or undefined when it is. */
export function unverifiedReason(
  modelType: string,
  head: HeadKind,
  cls: string,
  familyNote?: string,
): string | undefined {
  if (familyNote) return familyNote;
  if (ORACLE_VERIFIED[modelType]?.includes(head) || LOCAL_ORACLE_VERIFIED[modelType]?.includes(head))
    return undefined;
  return `${cls} is not in the PEFT oracle: its head was read from transformers source, the backbone is oracle-checked`;
}
