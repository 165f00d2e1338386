// Maps a parsed training config of any supported dialect onto the estimator's input: model reference,
// PEFT adapter_config, task type and training shape.
import type { DialectId } from '../dialects';
import { mapAxolotl } from './axolotl';
import { isObj } from './fields';
import { mapLlamaFactory } from './llamafactory';
import { mapAdapterHub, mapPeft } from './peft';
import { mapTorchtune } from './torchtune';
import { mapTrl } from './trl';
import { DialectMappingError, type EstimatorInput } from './types';

export * from './types';
export { parseBuilder } from './torchtune';

// Keyed by string so a dialect added to DialectId later fails with a message, not a crash.
const MAPPERS: Readonly<Record<string, (cfg: Record<string, unknown>) => EstimatorInput>> = {
  axolotl: mapAxolotl,
  llamafactory: mapLlamaFactory,
  // The v1 layout (`peft_config: {name: ...}`) is read by the same mapper.
  'llamafactory-v1': mapLlamaFactory,
  trl: mapTrl,
  peft: mapPeft,
  adapterhub: mapAdapterHub,
  torchtune: mapTorchtune,
};

export function mapDialectConfig(config: unknown, dialect: DialectId): EstimatorInput {
  if (!isObj(config)) throw new DialectMappingError(`a ${dialect} config must be a mapping of keys to values`);
  const mapper = MAPPERS[dialect];
  if (!mapper) throw new DialectMappingError(`no estimator mapping for dialect '${dialect}'`);
  const input = mapper(config);
  return dialect === 'llamafactory-v1' ? { ...input, dialect } : input;
}
