// Axolotl ledger rules: DatasetValidationMixin and AttentionValidationMixin of
// src/axolotl/utils/schemas/validation.py at 067b021 (Axolotl 0.18.0); file:line per rule, and each
// site in ledger/axolotl.json. Conditions follow the validators' `data.get(...)` truthiness. The
// other mixins follow in rulesAxolotlLedgerTraining, LoraRl, 2, System, 3 and Ebft (source order).
import type { CrossFieldRule } from './ruleKit';
import { attnImpl, attnSupportsPacking, axRule, hit, setFix, truthy } from './rulesAxolotlLedgerKit';

const V = 'utils/schemas/validation.py:';

export const AXOLOTL_LEDGER_RULES: readonly CrossFieldRule[] = [
  axRule('ax-pretraining-without-streaming', 'warning', `${V}91`, (c) =>
    truthy(c.pretraining_dataset) && !truthy(c.streaming)
      ? hit(
          ['pretraining_dataset'],
          'key',
          'Axolotl warns: `pretraining_dataset` without `streaming: true` is deprecated; a future release will not turn streaming on by itself.',
          setFix('streaming', 'true'),
        )
      : undefined,
  ),
  axRule('ax-push-dataset-auth', 'error', `${V}107`, (c) =>
    truthy(c.push_dataset_to_hub) && c.hf_use_auth_token !== true
      ? hit(
          ['push_dataset_to_hub'],
          'key',
          'Axolotl raises: "Require cfg.hf_use_auth_token to be True for push_dataset_to_hub".',
          setFix('hf_use_auth_token', 'true'),
        )
      : undefined,
  ),
  axRule('ax-bench-eval-empty-test-dataset', 'warning', `${V}129`, (c) =>
    truthy(c.do_bench_eval) && !truthy(c.test_datasets) && !truthy(c.val_set_size)
      ? hit(
          ['do_bench_eval'],
          'key',
          '`do_bench_eval` without `test_datasets` or `val_set_size`: Axolotl sets `test_datasets` to the empty dataset axolotl-ai-co/empty-test-ds.',
        )
      : undefined,
  ),
  axRule('ax-eval-table-size-packing', 'error', `${V}145`, (c) =>
    truthy(c.sample_packing) && truthy(c.eval_table_size) && c.eval_sample_packing !== false
      ? hit(
          ['eval_table_size'],
          'key',
          'Axolotl raises: "eval_table_size and eval_sample_packing are not supported together with sample_packing."',
          setFix('eval_sample_packing', 'false'),
        )
      : undefined,
  ),
  axRule('ax-sample-packing-attention', 'warning', `${V}190`, (c) => {
    const impl = attnImpl(c);
    if (!truthy(c.sample_packing) || attnSupportsPacking(c) || impl === 'sdpa' || impl === 'eager')
      return undefined;
    return impl
      ? hit(
          ['attn_implementation'],
          'value',
          `\`sample_packing\` with \`attn_implementation: ${impl}\` does not keep packed samples apart (Axolotl warns); use flash_attention_2, flex_attention, sdpa or eager.`,
        )
      : hit(
          ['sample_packing'],
          'key',
          '`sample_packing` without an attention backend does not keep packed samples apart (Axolotl warns); set `attn_implementation` (e.g. flash_attention_2).',
          { ...setFix('attn_implementation', 'flash_attention_2'), preferred: false },
        );
  }),
  axRule('ax-scaling-softmax-flex', 'error', `${V}208`, (c) =>
    truthy(c.scaling_softmax) && attnImpl(c) !== 'flex_attention'
      ? hit(
          ['scaling_softmax'],
          'key',
          'Axolotl raises: "scaling_softmax requires flex attention. Add `attn_implementation: flex_attention` to your config."',
        )
      : undefined,
  ),
];
