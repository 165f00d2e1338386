// model_type -> family table. Each table lists its own model_type values.
import type { BaseDims, Family } from './types';
import { BLOOM, GPT2, GPT_NEOX, GPTJ } from './families/gpt';
import { BART } from './families/bart';
import { BERT, DISTILBERT, ROBERTA, XLM_ROBERTA } from './families/bert';
import { DEBERTA_V2 } from './families/deberta';
import { MT5, T5 } from './families/t5';
import { VIT } from './families/vit';
import { FALCON } from './families/falcon';
import { OPT } from './families/opt';
import { PHI } from './families/phi';
import { GEMMA, GEMMA2, GEMMA3_TEXT, LLAMA, MISTRAL, PHI3, QWEN2, QWEN3 } from './families/llama';
import { GPT_OSS, MIXTRAL, QWEN2_MOE, QWEN3_MOE } from './families/moe';
import { GRANITE, OLMO2, STARCODER2 } from './families/extra';
import { DEEPSEEK_V3 } from './families/deepseek';
import { DEEPSEEK_V2, GLM4_MOE_LITE } from './families/mla';
import { GLM4_MOE } from './families/glm-moe';
import { MINIMAX_M2 } from './families/minimax';
import { QWEN2_5_VL, QWEN2_VL } from './families/vlm-qwen';
import { GEMMA3, LLAVA } from './families/vlm-llava';
import { MLLAMA } from './families/vlm-mllama';
import { LLAMA4 } from './families/vlm-llama4';
import { LLAVA_NEXT, PALIGEMMA } from './families/vlm-paligemma';
import { IDEFICS3, SMOLVLM } from './families/vlm-idefics3';
import { CHATGLM, GLM } from './families/glm';
import { QWEN3_NEXT } from './families/qwen-hybrid';
import { QWEN3_5, QWEN3_5_MOE, QWEN3_VL, QWEN3_VL_MOE } from './families/vlm-qwen3';
import { FALCON_H1 } from './families/falcon-h1';
import { JAMBA } from './families/jamba';
import { NEMOTRON_H } from './families/nemotron-h';
import { MAMBA } from './families/mamba';
import { SMOLLM3 } from './families/recent';
import { ARCEE, HUNYUAN_V1_DENSE, NEMOTRON, OLMO3, STABLELM } from './families/dense';
import { MPT } from './families/mpt';
import { MISTRAL3 } from './families/vlm-mistral3';
import { MINISTRAL3 } from './families/ministral3';
import { GEMMA4_TEXT } from './families/gemma4';
import { GEMMA4 } from './families/vlm-gemma4';

// Families are generic over their resolved dims; the registry only needs the common part.
type AnyFamily = Family<BaseDims>;

const FAMILIES: AnyFamily[] = [
  LLAMA,
  MISTRAL,
  MIXTRAL,
  QWEN2,
  GEMMA,
  GEMMA2,
  PHI3,
  QWEN3,
  GEMMA3_TEXT,
  QWEN2_MOE,
  QWEN3_MOE,
  GPT_OSS,
  GRANITE,
  OLMO2,
  STARCODER2,
  DEEPSEEK_V3,
  DEEPSEEK_V2,
  GLM4_MOE_LITE,
  GLM4_MOE,
  MINIMAX_M2,
  GPT2,
  GPTJ,
  GPT_NEOX,
  BLOOM,
  OPT,
  FALCON,
  PHI,
  BERT,
  ROBERTA,
  XLM_ROBERTA,
  DISTILBERT,
  DEBERTA_V2,
  VIT,
  T5,
  MT5,
  BART,
  QWEN2_VL,
  QWEN2_5_VL,
  LLAVA,
  GEMMA3,
  MLLAMA,
  LLAMA4,
  PALIGEMMA,
  LLAVA_NEXT,
  IDEFICS3,
  SMOLVLM,
  GLM,
  CHATGLM,
  QWEN3_NEXT,
  QWEN3_VL,
  QWEN3_VL_MOE,
  QWEN3_5,
  QWEN3_5_MOE,
  FALCON_H1,
  JAMBA,
  MAMBA,
  SMOLLM3,
  OLMO3,
  STABLELM,
  MPT,
  NEMOTRON,
  ARCEE,
  HUNYUAN_V1_DENSE,
  MISTRAL3,
  MINISTRAL3,
  GEMMA4_TEXT,
  GEMMA4,
  NEMOTRON_H,
] as unknown as AnyFamily[];

const BY_TYPE = new Map<string, AnyFamily>();
for (const f of FAMILIES) for (const t of f.types) BY_TYPE.set(t, f);

export function familyOf(modelType: string): AnyFamily | undefined {
  return BY_TYPE.get(modelType);
}

export function supportedModelTypes(): string[] {
  return [...BY_TYPE.keys()].sort();
}
