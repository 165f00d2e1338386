// One registry for the ids the extension contributes in package.json. A unit test checks that
// package.json and this table agree, so a renamed command cannot silently break a keybinding.

export const COMMANDS = {
  showDialect: 'mlConfig.showDialect',
  estimateParameters: 'mlConfig.estimateParameters',
  recommendLearningRate: 'mlConfig.recommendLearningRate',
  openPanel: 'mlConfig.openPanel',
  insertPeftBlock: 'mlConfig.insertPeftBlock',
  showModelArchitecture: 'mlConfig.showModelArchitecture',
  selectDialect: 'mlConfig.selectDialect',
} as const;

export const SETTINGS_PREFIX = 'mlConfig';

export const SETTINGS = {
  filesAssociations: 'mlConfig.files.associations',
  validationEnabled: 'mlConfig.validation.enable',
  maxDiagnostics: 'mlConfig.validation.maxDiagnostics',
  frameworkVersions: 'mlConfig.validation.frameworkVersions',
  allowNetwork: 'mlConfig.huggingFace.allowNetwork',
  codeLensEnabled: 'mlConfig.codeLens.enabled',
  hoverLiveEffects: 'mlConfig.hover.liveEffects',
  statusBarEnabled: 'mlConfig.statusBar.enabled',
  sweepTrainingConfig: 'mlConfig.sweep.trainingConfig',
} as const;

export type CommandId = (typeof COMMANDS)[keyof typeof COMMANDS];
