// Axolotl ledger rules: SystemValidationMixin, ChatTemplateValidationMixin,
// PretrainingValidationMixin and the first ModelCompatibilityValidationMixin checks of
// src/axolotl/utils/schemas/validation.py at 067b021 (Axolotl 0.18.0).
import type { Config, CrossFieldRule } from './ruleKit';
import { axRule, hit, setFix, truthy } from './rulesAxolotlLedgerKit';

const V = 'utils/schemas/validation.py:';
const model = (c: Config): string => String(c.base_model ?? '').toLowerCase();

export const AXOLOTL_LEDGER_SYSTEM: readonly CrossFieldRule[] = [
  axRule('ax-max-memory-gpu-limit', 'error', `${V}1219`, (c) =>
    c.max_memory != null && c.gpu_memory_limit != null
      ? hit(
          ['gpu_memory_limit'],
          'key',
          'Axolotl raises: "max_memory and gpu_memory_limit are mutually exclusive and cannot be used together."',
        )
      : undefined,
  ),
  axRule('ax-fsdp-deepspeed', 'error', `${V}1228`, (c) =>
    truthy(c.deepspeed) && truthy(c.fsdp)
      ? hit(['fsdp'], 'key', 'Axolotl raises: "deepspeed and fsdp cannot be used together."')
      : undefined,
  ),
  axRule('ax-quantization-config-bnb', 'error', `${V}1236`, (c) => {
    const k = ['load_in_8bit', 'load_in_4bit'].find((o) => truthy(c[o]));
    return k && truthy(c.model_quantization_config)
      ? hit(
          [k],
          'key',
          'Axolotl raises: "model_quantization_config and load_in_8bit or load_in_4bit cannot be used together."',
        )
      : undefined;
  }),
  axRule('ax-chat-template-jinja', 'error', `${V}1297`, (c) =>
    c.chat_template === 'jinja' && !truthy(c.chat_template_jinja)
      ? hit(
          ['chat_template'],
          'value',
          'Axolotl raises: "chat_template_jinja is required when chat_template is set to \'jinja\'."',
        )
      : undefined,
  ),
  axRule('ax-pretraining-max-steps', 'error', `${V}1316`, (c) =>
    truthy(c.pretraining_dataset) && !truthy(c.max_steps)
      ? hit(
          ['pretraining_dataset'],
          'key',
          'Axolotl raises: "max_steps must be set when using iterable pretraining_dataset".',
        )
      : undefined,
  ),
  axRule('ax-pretraining-group-by-length', 'warning', `${V}1325`, (c) =>
    truthy(c.pretraining_dataset) && truthy(c.group_by_length)
      ? hit(
          ['group_by_length'],
          'key',
          'Axolotl warns: group_by_length forces a streamed dataset to download completely.',
        )
      : undefined,
  ),
  axRule('ax-streaming-val-set-size', 'error', `${V}1352`, (c) => {
    const why = truthy(c.pretraining_dataset)
      ? 'pretraining_dataset'
      : truthy(c.streaming)
        ? 'streaming datasets'
        : '';
    return why && truthy(c.val_set_size)
      ? hit(
          ['val_set_size'],
          'key',
          `Axolotl raises: "val_set_size is not supported with ${why}". Use test_datasets for evaluation.`,
        )
      : undefined;
  }),
  axRule('ax-streaming-max-steps', 'error', `${V}1372`, (c) =>
    truthy(c.streaming) && !truthy(c.max_steps)
      ? hit(['streaming'], 'key', 'Axolotl raises: "max_steps must be set when using streaming datasets."')
      : undefined,
  ),
  axRule('ax-streaming-packing-datasets', 'error', `${V}1387`, (c) =>
    truthy(c.streaming) && truthy(c.sample_packing) && Array.isArray(c.datasets) && c.datasets.length > 1
      ? hit(
          ['sample_packing'],
          'key',
          'Axolotl raises: "Sample packing with multiple streaming datasets is not yet supported".',
        )
      : undefined,
  ),
  axRule('ax-falcon-fsdp', 'error', `${V}1399`, (c) =>
    model(c).includes('falcon') && truthy(c.fsdp)
      ? hit(['fsdp'], 'key', 'Axolotl raises: "FSDP is not supported for falcon models".')
      : undefined,
  ),
  axRule('ax-mpt-gradient-checkpointing', 'error', `${V}1407`, (c) =>
    model(c).includes('mpt') && truthy(c.gradient_checkpointing)
      ? hit(
          ['gradient_checkpointing'],
          'key',
          'Axolotl raises: "gradient_checkpointing is not supported for MPT models".',
        )
      : undefined,
  ),
  axRule('ax-nemotron-h-gradient-checkpointing', 'error', `${V}1418`, (c) =>
    model(c).includes('nemotron-h') && truthy(c.gradient_checkpointing) && !truthy(c.sample_packing)
      ? hit(
          ['gradient_checkpointing'],
          'key',
          'Axolotl raises: "gradient_checkpointing for nemotron_h requires sample_packing: true."',
          setFix('sample_packing', 'true'),
        )
      : undefined,
  ),
  axRule('ax-gradient-checkpointing-offload', 'warning', `${V}1428`, (c) =>
    c.gradient_checkpointing === 'offload' || c.gradient_checkpointing === 'offload_disk'
      ? hit(
          ['gradient_checkpointing'],
          'value',
          `\`gradient_checkpointing: ${c.gradient_checkpointing}\` is deprecated: Axolotl sets gradient_checkpointing: true and activation_offloading: ${c.gradient_checkpointing === 'offload' ? 'true' : 'disk'}.`,
        )
      : undefined,
  ),
];
