// Reads the text of a PEFT source (adapter_config.json, a PEFT config in YAML, or a training config of
// any dialect) into the estimator's input: parse, decide the dialect, map.
import { parse } from 'yaml';
import { type DialectId, mapDialectConfig, sniffDialect } from '../dialects';
import { isObj } from './fields';
import { DialectMappingError, type EstimatorInput } from './types';

export function estimatorInputFromText(text: string, where: string, dialect?: DialectId): EstimatorInput {
  let doc: unknown;
  try {
    doc = parse(text, { strict: false, uniqueKeys: false });
  } catch (err) {
    const first = (err instanceof Error ? err.message : String(err)).split('\n')[0];
    throw new DialectMappingError(`${where} is neither JSON nor YAML: ${first}`);
  }
  if (!isObj(doc)) throw new DialectMappingError(`${where} does not hold a mapping of keys to values`);
  const chosen = dialect ?? (typeof doc.peft_type === 'string' ? 'peft' : sniffDialect(text));
  if (!chosen) {
    throw new DialectMappingError(`cannot tell which framework ${where} is for (expected a PEFT adapter_config, Axolotl, LLaMA-Factory, TRL, torchtune or AdapterHub config)`);
  }
  return mapDialectConfig(doc, chosen);
}
