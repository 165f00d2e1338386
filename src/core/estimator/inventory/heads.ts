// Which task head to build: explicit class > PEFT task_type > config.architectures[0] > bare model,
// the order in which a user's from_pretrained call would decide it.
import { UnsupportedModelError } from './config';
import type { HeadKind, HfConfig } from './types';

const AUTO_CLASSES: Record<string, HeadKind> = {
  AutoModelForCausalLM: 'causal_lm',
  // Vision-language checkpoints: the *ForConditionalGeneration class with its language-model head, which
  // the VLM families build for a causal-LM head (transformers models/auto/modeling_auto.py,
  // MODEL_FOR_IMAGE_TEXT_TO_TEXT_MAPPING_NAMES; AutoModelForVision2Seq is its 4.x name).
  AutoModelForImageTextToText: 'causal_lm',
  AutoModelForVision2Seq: 'causal_lm',
  AutoModelForSequenceClassification: 'seq_cls',
  AutoModelForSeq2SeqLM: 'seq2seq_lm',
  AutoModelForTokenClassification: 'token_cls',
  AutoModelForQuestionAnswering: 'qa',
  AutoModelForImageClassification: 'image_cls',
  AutoModelForMaskedLM: 'masked_lm',
  AutoModel: 'base',
};

const AUTO_OF: Record<HeadKind, string> = {
  causal_lm: 'AutoModelForCausalLM',
  masked_lm: 'AutoModelForMaskedLM',
  seq_cls: 'AutoModelForSequenceClassification',
  seq2seq_lm: 'AutoModelForSeq2SeqLM',
  token_cls: 'AutoModelForTokenClassification',
  qa: 'AutoModelForQuestionAnswering',
  image_cls: 'AutoModelForImageClassification',
  base: 'AutoModel',
  encoder_only: 'AutoModel',
};

/** PEFT TaskType -> the head its PeftModelFor* class expects. */
const TASK_TYPES: Record<string, HeadKind> = {
  CAUSAL_LM: 'causal_lm',
  SEQ_CLS: 'seq_cls',
  SEQ_2_SEQ_LM: 'seq2seq_lm',
  TOKEN_CLS: 'token_cls',
  QUESTION_ANS: 'qa',
  FEATURE_EXTRACTION: 'base',
};

/** Concrete class-name suffixes (LlamaForCausalLM, T5EncoderModel, BertModel...). */
const SUFFIXES: [string, HeadKind][] = [
  ['ForCausalLM', 'causal_lm'],
  ['LMHeadModel', 'causal_lm'],
  ['ForMaskedLM', 'masked_lm'],
  ['ForSequenceClassification', 'seq_cls'],
  ['ForConditionalGeneration', 'seq2seq_lm'],
  ['ForTokenClassification', 'token_cls'],
  ['ForQuestionAnswering', 'qa'],
  ['ForImageClassification', 'image_cls'],
  ['EncoderModel', 'encoder_only'],
  ['Model', 'base'],
];

export function headOfClass(cls: string): HeadKind | undefined {
  if (AUTO_CLASSES[cls]) return AUTO_CLASSES[cls];
  for (const [suffix, kind] of SUFFIXES) if (cls.endsWith(suffix)) return kind;
  return undefined;
}

export interface HeadChoice {
  kind: HeadKind;
  autoClass: string;
  note?: string;
}

/**
 * A bare-model request (FEATURE_EXTRACTION, AutoModel) on a checkpoint whose architectures[0] is an
 * encoder-only class (MT5EncoderModel, T5EncoderModel) builds that class: PEFT 0.20.0 wraps the encoder
 * alone (checked against PEFT on transformers 4.57.6 and 5.12.1, reference/transformers-versions.md).
 */
function encoderOnlyArchitecture(cfg: HfConfig, kind: HeadKind): HeadChoice | undefined {
  const arch = Array.isArray(cfg.architectures) ? cfg.architectures[0] : undefined;
  if (kind !== 'base' || typeof arch !== 'string' || headOfClass(arch) !== 'encoder_only') return undefined;
  return { kind: 'encoder_only', autoClass: arch };
}

export function chooseHead(
  cfg: HfConfig,
  taskType: string | null | undefined,
  autoClass: string | undefined,
): HeadChoice {
  if (autoClass) {
    const kind = headOfClass(autoClass);
    if (!kind)
      throw new UnsupportedModelError(
        `unknown model class "${autoClass}" (expected an Auto class such as AutoModelForCausalLM, or a class name ending in ForCausalLM, ForSequenceClassification, Model, ...)`,
      );
    return (
      (autoClass === 'AutoModel' ? encoderOnlyArchitecture(cfg, kind) : undefined) ?? { kind, autoClass }
    );
  }
  if (taskType) {
    const kind = TASK_TYPES[taskType];
    if (!kind)
      throw new UnsupportedModelError(
        `unknown PEFT task_type "${taskType}" (expected one of ${Object.keys(TASK_TYPES).join(', ')})`,
      );
    return encoderOnlyArchitecture(cfg, kind) ?? { kind, autoClass: AUTO_OF[kind] };
  }
  const arch = Array.isArray(cfg.architectures) ? cfg.architectures[0] : undefined;
  const kind = typeof arch === 'string' ? headOfClass(arch) : undefined;
  if (kind) return { kind, autoClass: arch as string };
  if (typeof arch === 'string') {
    return {
      kind: 'base',
      autoClass: 'AutoModel',
      note: `architectures[0] "${arch}" is not modelled: counted as the bare model (its head is left out)`,
    };
  }
  return { kind: 'base', autoClass: 'AutoModel' };
}
