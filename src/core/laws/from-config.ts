// One entry for callers that hold a config (CLI, editor hover/CodeLens, panel): config shape + model
// counts + user overrides → LawInputs and the list of how each input was derived.
import type { ConfigShape } from './config-shape';
import type { ModelParams } from './model-params';
import { trainingShapeToLawInputs, type TrainingShape } from './training-shape';
import type { LawInputs, Regime } from './types';

/** Values the user gives directly; each wins over what the config or model implies. */
export interface LawOverrides {
  regime?: Regime;
  totalParams?: number;
  nonEmbeddingParams?: number;
  tokens?: number;
  datasetTokens?: number;
  batchTokens?: number;
  seqLen?: number;
  devices?: number;
  learningRate?: number;
  lossNats?: number;
}

export interface ConfigLawInputs {
  inputs: LawInputs;
  /** One line per derived input ("global batch = 4 × 2 × 1 = 8 sequences × 2048 = 16384 tokens"). */
  derivation: string[];
}

export function lawInputsFromConfig(
  cfg: ConfigShape | undefined,
  model: ModelParams | undefined,
  o: LawOverrides = {},
): ConfigLawInputs {
  const shape: TrainingShape = {
    ...cfg?.shape,
    devices: o.devices ?? cfg?.shape.devices,
    datasetTokens: o.datasetTokens,
    tokens: o.tokens,
  };
  if (o.seqLen) shape.seqLen = o.seqLen;
  if (o.learningRate) shape.learningRate = o.learningRate;
  const s = trainingShapeToLawInputs(shape);
  const regime = o.regime ?? cfg?.regime ?? 'pretrain';
  const why = o.regime ? 'given' : cfg ? cfg.regimeReason : 'no config, default';
  const derivation = [
    ...(cfg ? [`config read as ${cfg.readAs}`] : []),
    `regime ${regime}: ${why}`,
    ...s.notes,
  ];
  if (model) {
    derivation.push(
      `N total ${model.totalParams}, non-embedding ${model.nonEmbeddingParams} (attention + MLP matrices of the blocks), n_layer ${model.nLayer}, d_model ${model.dModel}`,
      ...model.warnings,
    );
  }
  const inputs: LawInputs = {
    regime,
    totalParams: o.totalParams ?? model?.totalParams,
    nonEmbeddingParams: o.nonEmbeddingParams ?? model?.nonEmbeddingParams,
    tokens: s.tokens,
    batchTokens: o.batchTokens ?? s.batchTokens,
    seqLen: s.seqLen,
    currentLearningRate: s.currentLearningRate,
    nLayer: model?.nLayer,
    dModel: model?.dModel,
    vocabSize: model?.vocabSize,
    modelFamily: model?.modelType,
    lossNats: o.lossNats,
    loraRank: cfg?.loraRank,
    loraAlpha: cfg?.loraAlpha,
  };
  return { inputs, derivation };
}
