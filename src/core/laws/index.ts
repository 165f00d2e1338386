// Public surface of the scaling-law recommender (src/core/laws).
export * from './types';
export * from './pretrain-formulas';
export * from './allocation-formulas';
export * from './finetune-formulas';
export { SOURCES } from './sources';
export { LAWS, applyLaw, checkRange, findLaw, recommend } from './recommend';
export {
  trainingShapeToLawInputs,
  globalBatchSequences,
  type TrainingShape,
  type ShapeLawInputs,
  type TokensSource,
} from './training-shape';
export { modelParamsForLaws, paramsFromHfConfig, type ModelParams } from './model-params';
export {
  ConfigReadError,
  configShapeFromInput,
  configShapeFromText,
  regimeOfConfig,
  regimeOfPeftType,
  type ConfigShape,
} from './config-shape';
export { sig, ratioShort, ratioWords } from './format';
export { lawInputsFromConfig, type LawOverrides, type ConfigLawInputs } from './from-config';
export { renderRecommendations } from './render-text';
