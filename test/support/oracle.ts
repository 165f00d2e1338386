// Shared by the tests that read PEFT oracle cases (test/data/oracle, test/data/oracle/transformers,
// test/data/oracle/local): a case's model record is config.json fields plus the oracle's bookkeeping.
import * as assert from 'node:assert/strict';
import { estimateParameters } from '../../src/core/estimator';

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

/** One counted case of our own oracle (scripts/oracle/peft_count.py): PEFT's answer or its refusal. */
export interface LocalOracleAnswer {
  peft: Record<string, unknown>;
  task_type: string | null;
  trainable?: number;
  total?: number;
  error?: string;
}

/**
 * Checks the estimator against one answer on `release`: trainable and total exact, or a refusal where
 * PEFT refused. `model` is the case's model record (config.json fields plus bookkeeping).
 */
export function assertMatchesPeft(
  model: Record<string, unknown> & { auto_class: string },
  c: LocalOracleAnswer,
  release: string,
): void {
  const estimate = () =>
    estimateParameters(oracleConfig(model), c.peft, {
      taskType: c.task_type,
      autoClass: model.auto_class,
      transformersVersion: release,
    });
  if (c.error !== undefined) {
    assert.throws(estimate, Error, `PEFT refused: ${c.error}`);
    return;
  }
  const e = estimate();
  assert.deepEqual(
    { trainable: e.trainableParams, total: e.totalParams },
    { trainable: c.trainable, total: c.total },
  );
}
