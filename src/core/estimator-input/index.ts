// What the estimator reads from a training config of any dialect: the types, and the torchtune
// builder parser. Each dialect's mapper (axolotl.ts, trl.ts...) is registered by its plug-in in
// src/core/dialects/<id>.ts; `mapDialectConfig` there picks it.
export * from './types';
export { parseBuilder } from './torchtune';
