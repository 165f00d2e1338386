// Internal vocabulary of the inventory tables: a model family is data (module templates with shape
// formulas per repeated layer), and one generic expander turns it into the module list.

import type { TransformersRelease } from '../transformers-version';

/** A config.json as published (model_type, hidden_size, ...). */
export type HfConfig = Record<string, unknown>;

/** What PEFT needs to know about a module's class (all-linear takes Linear and Conv1D). */
export type ModuleKind =
  'Linear' | 'Conv1D' | 'Embedding' | 'LayerNorm' | 'RMSNorm' | 'Conv2d' | 'Conv3d' | 'Other';

/** The task heads transformers offers; PEFT's task_type and the Auto classes map onto these. */
export type HeadKind =
  | 'causal_lm'
  | 'masked_lm'
  | 'seq_cls'
  | 'token_cls'
  | 'qa'
  | 'seq2seq_lm'
  | 'base'
  | 'encoder_only'
  | 'image_cls';

/** Per-head switches of the backbone (BERT drops its pooler under token/QA heads, T5EncoderModel has no decoder). */
export interface HeadFlags {
  pooler?: boolean;
  decoder?: boolean;
  /** Build MoE experts in the transformers v5 layout (fused 3-D tensors) instead of 4.x per-expert modules. */
  fusedExperts?: boolean;
}

/** Resolved numbers every family provides (transformers' defaults already filled in). */
export interface BaseDims {
  h: number;
  L: number;
  nh: number;
  nkv: number;
  hd: number;
  V: number;
  tie: boolean;
  numLabels: number;
  encDec: boolean;
  flags: HeadFlags;
  /** Prefix tuning's K/V width where layers differ (Gemma 4): PEFT provisions the widest layer's. */
  prefixKv?: number;
}

type Fn<R, T> = (r: R) => T;

/** One module, named relative to its scope (backbone, layer, or task-model root for heads). */
export interface ModTpl<R> {
  name: string;
  kind: ModuleKind;
  in: Fn<R, number>;
  out: Fn<R, number>;
  /** Has a bias (default false). For norms: LayerNorm with bias. */
  bias?: boolean | Fn<R, boolean>;
  /** Weight element count when not in*out (norms: dim; Conv2d: out*in*k*k). */
  weight?: Fn<R, number>;
  /** Bias element count when not out_features (fused expert biases: experts * out). */
  biasCount?: Fn<R, number>;
  /** Direct parameters other than weight/bias (ViT cls_token + position_embeddings). */
  other?: Fn<R, number>;
  /** Module exists only when this holds (optional projections, poolers, q/k norms); i = layer index. */
  when?: (r: R, i: number) => boolean;
  /** Repeat with '{e}' in the name replaced by 0..n-1 (per-expert MoE modules). */
  repeat?: Fn<R, number>;
  /** Shares its weight with this module (root-relative name; '{p}' = backbone prefix), when tieWhen holds. */
  tie?: string;
  tieWhen?: Fn<R, boolean>;
  /** MoE expert weights stored as one fused 3-D parameter over this many experts. */
  fused?: Fn<R, number>;
  /** The name is a parameter path (a fused 3-D expert tensor), not a module. */
  parameter?: boolean;
  /** Stored shape of that parameter, e.g. [experts, 2 * intermediate, hidden]. */
  shape?: Fn<R, number[]>;
  output?: boolean;
  head?: boolean;
  /** The transformers class when a subclass of the torch module (e.g. 'Llama4Router', an nn.Linear). */
  cls?: string;
}

/** A repeated layer ModuleList: `path.{i}.<module>`; pattern is the attribute PEFT's layers_pattern names. */
export interface LayerGroup<R> {
  path: string;
  count: Fn<R, number>;
  modules: ModTpl<R>[];
  when?: Fn<R, boolean>;
}

export type Part<R> = ModTpl<R> | LayerGroup<R>;

export function isLayerGroup<R>(p: Part<R>): p is LayerGroup<R> {
  return (p as LayerGroup<R>).path !== undefined;
}

/** How a task head wraps the backbone: the attribute it is stored under and the head modules. */
export interface HeadSpec<R> {
  /** Concrete transformers class, for messages and autoClass echo (e.g. 'LlamaForCausalLM'). */
  cls: string;
  /** Backbone attribute prefix ('model.', 'bert.', '' for the bare model). */
  prefix: string;
  /** Modules registered after the backbone, names relative to the task-model root. */
  modules?: ModTpl<R>[];
  flags?: HeadFlags;
  /** Set when the class exists only from transformers 5 on: why 4.x has no such class. */
  v5Only?: string;
}

export interface Family<R extends BaseDims> {
  /** model_type values this table describes. */
  types: string[];
  /** transformers' defaults filled in; throws InvalidConfigError on unusable values. */
  resolve(cfg: HfConfig, numLabels: number): R;
  backbone: Part<R>[];
  heads: Partial<Record<HeadKind, HeadSpec<R>>>;
  /** Set when the family is not checked against the PEFT oracle (shapes read from transformers source). */
  unverified?: string;
  /** What a transformers release changes in the resolved dims (e.g. v5 ties mT5's lm_head). */
  atRelease?(r: R, release: TransformersRelease): R;
  /**
   * A vision-language model's text model_type: PEFT's prompt learning reads `text_config`, not the
   * top-level config (PEFT 0.20.0 utils/other.py:1143-1145 `_prepare_prompt_learning_config`).
   */
  textType?(cfg: HfConfig): string;
  /**
   * The text_config the config class builds when config.json has none; PEFT's prompt learning reads its
   * to_dict(), so a head_dim set there counts (Mistral3Config's default MistralConfig has head_dim=128).
   */
  defaultTextConfig?: HfConfig;
}

/** One module that owns parameters, as transformers names and shapes it in the task model. */
export interface ModuleInfo {
  /** Full dotted name in the task model, e.g. 'model.layers.0.self_attn.q_proj'. */
  name: string;
  kind: ModuleKind;
  /** Linear: in/out; Conv1D: nx/nf; Embedding: num_embeddings/embedding_dim; norms: dim/dim; Conv2d: channels. */
  inFeatures: number;
  outFeatures: number;
  /** The module's own direct parameters (0 bias when bias=False). */
  weightParams: number;
  biasParams: number;
  otherParams?: number;
  layerIndex?: number;
  /** The ModuleList attribute name it sits in ('layers', 'h', 'layer', 'block'). */
  layersPattern?: string;
  /** Weight shared with this other module, so not counted twice. */
  tiedTo?: string;
  /** The output embedding layer (get_output_embeddings) that PEFT's all-linear excludes. */
  isOutputLayer?: boolean;
  /** Part of the task head (classifier/score/qa_outputs/...). */
  isHead?: boolean;
  /**
   * MoE experts stored as one fused 3-D parameter, as PEFT's target_parameters sees it (shape in
   * paramShape); weightParams covers all experts, biasParams the matching `<name>_bias` tensor (GPT-OSS).
   */
  fusedExperts?: { experts: number };
  /** `name` is a parameter path (e.g. 'model.layers.0.mlp.experts.gate_up_proj'), not a module. */
  isParameter?: boolean;
  /**
   * Stored shape of a fused parameter, [experts, dim1, dim2]; inFeatures/outFeatures are dim1/dim2 as
   * stored (Mixtral v5 stores gate_up_proj as [E, 2*I, H], GPT-OSS as [E, H, 2*I]).
   */
  paramShape?: number[];
  /** The transformers class when it subclasses the torch module (LLaMA-Factory matches class names). */
  cls?: string;
}

export interface InventoryDims {
  hiddenSize: number;
  numLayers: number;
  numAttentionHeads: number;
  numKeyValueHeads: number;
  headDim: number;
  vocabSize: number;
  isEncoderDecoder: boolean;
  tieWordEmbeddings: boolean;
  /** 2 for encoder-decoder seq2seq (PEFT doubles prompt tokens), else 1. */
  numTransformerSubmodules: number;
  /** head_dim x KV heads of the widest layer, for models whose layers differ (Gemma 4 per_layer_config). */
  prefixKvWidth?: number;
}

export interface ModelInventory {
  modelType: string;
  /** The config PEFT's prompt learning reads: the text model's model_type for a VLM, else modelType. */
  promptModelType?: string;
  /**
   * head_dim and num_key_value_heads exactly as config.json gives them (its text_config for a VLM), before
   * any default: PEFT's prefix tuning reads them where the config class keeps them (prompt-kv.ts).
   */
  promptConfig?: { headDim?: number; numKeyValueHeads?: number };
  /** The Auto class or concrete class asked for, e.g. 'AutoModelForCausalLM'. */
  autoClass: string;
  /** The concrete transformers class built, e.g. 'LlamaForCausalLM'. */
  modelClass: string;
  /** Which task head that class carries. */
  head: HeadKind;
  taskType: string | null;
  /** Every module that owns parameters, in registration order. */
  modules: ModuleInfo[];
  /** Unique parameters of the built task model (tied weights once) = oracle base_total. */
  baseParams: number;
  dims: InventoryDims;
  /** Why this model/head is not checked against the PEFT oracle; absent when it is. */
  unverified?: string;
  /** The transformers release whose module tree this is (buildInventory always sets it). */
  transformers?: TransformersRelease;
}
