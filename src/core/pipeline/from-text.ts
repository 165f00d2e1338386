// Reads the text of a PEFT source (adapter_config.json, a PEFT config in YAML, or a training config of
// any dialect) into the estimator's input, through the pipeline's one parse: parse, decide the
// dialect, load by its loader, map. Throws DialectMappingError with a one-line reason.
import { detectDialect, dialectPlugin, mapDialectConfig, type DialectId } from '../dialects';
import { DialectMappingError, type EstimatorInput } from '../estimator-input/types';
import { configMapping, loadConfig, loaderFor, parseConfigDocument } from '../validate/document';

export function estimatorInputFromText(
  text: string,
  where: string,
  dialect?: DialectId,
  fileName?: string,
): EstimatorInput {
  const doc = parseConfigDocument(text);
  if (doc.errors.length)
    throw new DialectMappingError(
      `${where} is neither JSON nor YAML: ${doc.errors[0].message.split('\n')[0]}`,
    );
  const chosen = dialect ?? detectDialect(text, { fileName }).dialect;
  const loaded = loadConfig(doc, loaderFor(text, fileName, chosen ? dialectPlugin(chosen).loader : 'pyyaml'));
  if (!configMapping(loaded).config)
    throw new DialectMappingError(`${where} does not hold a mapping of keys to values`);
  if (!chosen) {
    throw new DialectMappingError(
      `cannot tell which framework ${where} is for (expected a PEFT adapter_config, Axolotl, LLaMA-Factory, TRL, torchtune or AdapterHub config)`,
    );
  }
  return mapDialectConfig(configMapping(loaded).config, chosen);
}
