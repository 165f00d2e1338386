// Axolotl ledger rules: the validators of src/axolotl/utils/schemas/peft.py, model.py, fsdp.py,
// integrations.py, datasets.py, utils.py and training.py at 067b021 (Axolotl 0.18.0).
import type { Config, CrossFieldRule, RuleFix } from './ruleKit';
import { axRule, given, hit, obj, setFix, truthy } from './rulesAxolotlLedgerKit';

const datasets = (c: Config): Config[] => (Array.isArray(c.datasets) ? c.datasets.map(obj) : []);
/**
 * `message_field_role: from` -> `message_property_mappings: {role: from}` (utils/schemas/utils.py:50), when
 * the entry has neither message_property_mappings nor the other legacy key (one rename then says it all).
 */
function mappingFix(d: Config, i: number, k: string, p: string): RuleFix | undefined {
  const other = k === 'message_field_role' ? 'message_field_content' : 'message_field_role';
  const v = truthy(d[k]) ? d[k] : p;
  if ('message_property_mappings' in d || other in d || typeof v !== 'string') return undefined;
  const text = /^[\w.-]+$/.test(v) ? v : JSON.stringify(v);
  return {
    title: `Use message_property_mappings: {${p}: ${text}}`,
    path: ['datasets', String(i), k],
    value: `{${p}: ${text}}`,
    renameTo: 'message_property_mappings',
  };
}

export const AXOLOTL_LEDGER_SCHEMAS: readonly CrossFieldRule[] = [
  axRule('ax-qlora-merge-quantized', 'error', 'utils/schemas/peft.py:207', (c) => {
    const k =
      c.adapter === 'qlora' && truthy(c.merge_lora)
        ? ['load_in_8bit', 'gptq', 'load_in_4bit'].find((o) => truthy(c[o]))
        : undefined;
    return k
      ? hit(
          [k],
          'key',
          `Axolotl raises: "Can't merge qlora if ${k === 'gptq' ? 'gptq' : `loaded in ${k === 'load_in_8bit' ? '8bit' : '4bit'}`}"; merge_lora loads the base model unquantized.`,
        )
      : undefined;
  }),
  axRule('ax-lora-target-parameters-dropout', 'error', 'utils/schemas/peft.py:247', (c) =>
    truthy(c.lora_target_parameters) && truthy(c.lora_dropout)
      ? hit(
          ['lora_dropout'],
          'value',
          'Axolotl raises: "lora_dropout must be 0 when lora_target_parameters is set. PEFT\'s ParamWrapper does not support lora_dropout != 0."',
          setFix('lora_dropout', '0.0'),
        )
      : undefined,
  ),
  axRule('ax-trust-remote-code', 'warning', 'utils/schemas/model.py:117', (c) =>
    truthy(c.trust_remote_code)
      ? hit(
          ['trust_remote_code'],
          'value',
          'Axolotl warns: "`trust_remote_code` is set to true. Please make sure that you reviewed the remote code/model."',
        )
      : undefined,
  ),
  axRule('ax-processor-kwargs-reserved', 'error', 'utils/schemas/model.py:130', (c) => {
    const k = ['revision', 'trust_remote_code'].find((o) => o in obj(c.processor_kwargs));
    return k
      ? hit(
          ['processor_kwargs', k],
          'key',
          `Axolotl raises: do not set the reserved key \`${k}\` inside \`processor_kwargs\`; use the top-level \`${k === 'revision' ? 'revision_of_model' : k}\`.`,
        )
      : undefined;
  }),
  axRule('ax-save-safetensors-false', 'error', 'utils/schemas/model.py:170', (c) =>
    c.save_safetensors === false
      ? hit(
          ['save_safetensors'],
          'value',
          'Axolotl raises: "save_safetensors=False is not supported in Transformers V5."',
          setFix('save_safetensors', 'true'),
        )
      : undefined,
  ),
  axRule('ax-fsdp-size-based-wrap', 'error', 'utils/schemas/fsdp.py:87', (c) => {
    const f = obj(c.fsdp_config);
    const policy = f.auto_wrap_policy ?? f.fsdp_auto_wrap_policy;
    return policy === 'SIZE_BASED_WRAP' && !given(f.min_num_params ?? f.fsdp_min_num_params)
      ? hit(
          ['fsdp_config'],
          'key',
          'Axolotl raises: "fsdp_config.min_num_params is required when auto_wrap_policy is SIZE_BASED_WRAP".',
        )
      : undefined;
  }),
  axRule('ax-wandb-run-id-name', 'warning', 'utils/schemas/integrations.py:88', (c) =>
    truthy(c.wandb_run_id) && !truthy(c.wandb_name)
      ? hit(
          ['wandb_run_id'],
          'key',
          `\`wandb_run_id\` sets the run's ID; Axolotl also uses it as \`wandb_name\` (and warns). Set wandb_name for the name.`,
        )
      : undefined,
  ),
  axRule('ax-dataset-chat-template-jinja', 'error', 'utils/schemas/datasets.py:224', (c) => {
    const i = datasets(c).findIndex((d) => d.chat_template === 'jinja' && !truthy(d.chat_template_jinja));
    return i >= 0
      ? hit(
          ['datasets', String(i), 'chat_template'],
          'value',
          'Axolotl raises: "chat_template_jinja is required when chat_template is set to jinja".',
        )
      : undefined;
  }),
  axRule('ax-dataset-message-field-legacy', 'warning', 'utils/schemas/utils.py:38', (c) => {
    for (const [i, d] of datasets(c).entries())
      for (const [k, p] of [
        ['message_field_role', 'role'],
        ['message_field_content', 'content'],
      ])
        if (
          k in d &&
          !(p in obj(d.message_property_mappings) && obj(d.message_property_mappings)[p] !== d[k])
        )
          return hit(
            ['datasets', String(i), k],
            'key',
            `Axolotl warns: \`${k}\` is deprecated; use \`message_property_mappings: {${p}: ${String(d[k])}}\`.`,
            mappingFix(d, i, k, p),
          );
    return undefined;
  }),
  axRule('ax-dataset-message-field-conflict', 'error', 'utils/schemas/utils.py:46', (c) => {
    for (const [i, d] of datasets(c).entries())
      for (const [k, p] of [
        ['message_field_role', 'role'],
        ['message_field_content', 'content'],
      ]) {
        const m = obj(d.message_property_mappings);
        if (k in d && p in m && m[p] !== d[k])
          return hit(
            ['datasets', String(i), k],
            'value',
            `Axolotl raises: \`${k}: ${String(d[k])}\` conflicts with \`message_property_mappings.${p}: ${String(m[p])}\`.`,
          );
      }
    return undefined;
  }),
  axRule('ax-batch-size-hint', 'warning', 'utils/schemas/training.py:273', (c) =>
    truthy(c.batch_size)
      ? hit(
          ['batch_size'],
          'key',
          'Axolotl warns: "batch_size is not recommended. Please use gradient_accumulation_steps instead" (batch_size / micro_batch_size / number of GPUs).',
        )
      : undefined,
  ),
];
