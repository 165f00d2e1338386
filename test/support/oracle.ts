// Shared by the tests that read PEFT oracle cases (test/data/oracle, test/data/oracle/transformers,
// test/data/oracle/local): a case's model record is config.json fields plus the oracle's bookkeeping.

/** Fields of an oracle model record that describe the case, not the config. */
const BOOKKEEPING = new Set([
  'name',
  'hf_reference',
  'source',
  'auto_class',
  'model_class',
  'resolved_config',
]);

/** The config.json fields the oracle set, without its bookkeeping fields. */
export function oracleConfig(model: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(model).filter(([k]) => !BOOKKEEPING.has(k)));
}
