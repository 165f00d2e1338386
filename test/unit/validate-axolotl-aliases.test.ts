// Axolotl key aliases and renamed keys at 067b021 (Axolotl 0.18.0): every alias its pydantic models
// accept is accepted without a finding, and every deprecated name warns, names its successor and has a
// quick fix that writes it. The sources (file:line under src/axolotl/) are listed with each entry.
import * as assert from 'node:assert/strict';
import { validateText } from '../../src/core/pipeline';
import type { Diagnostic } from '../../src/core/validate';

const AX =
  'base_model: NousResearch/Llama-3.2-1B\ndatasets:\n  - path: tatsu-lab/alpaca\n    type: alpaca\n' +
  'sequence_len: 2048\nmicro_batch_size: 2\ngradient_accumulation_steps: 4\nnum_epochs: 1\n' +
  'learning_rate: 0.0002\noutput_dir: ./out\n';
const FSDP2 =
  'fsdp_version: 2\nfsdp_config:\n  auto_wrap_policy: TRANSFORMER_BASED_WRAP\n  transformer_layer_cls_to_wrap: LlamaDecoderLayer\n';
const LIGER = 'plugins:\n  - axolotl.integrations.liger.LigerPlugin\n';
const findings = (text: string): Diagnostic[] => validateText(text, { fileName: 'axolotl.yaml' }).diagnostics;
function applyFix(text: string, d: Diagnostic): string {
  const edits = [...(d.fixes?.[0]?.edits ?? [])].sort((a, b) => b.start - a.start);
  return edits.reduce((t, e) => t.slice(0, e.start) + e.newText + t.slice(e.end), text);
}

/** Both spellings accepted silently: Field(alias=) with populate_by_name, or AliasChoices. */
const ALIASES: ReadonlyArray<[source: string, extra: string]> = [
  ['utils/schemas/deprecated.py:149 alias model_config', 'model_config:\n  rope_theta: 10000\n'],
  ['utils/schemas/config.py:212 populate_by_name', 'overrides_of_model_config:\n  rope_theta: 10000\n'],
  ['utils/schemas/deprecated.py:156 alias model_kwargs', 'model_kwargs:\n  low_cpu_mem_usage: true\n'],
  ['utils/schemas/config.py:212 populate_by_name', 'overrides_of_model_kwargs:\n  low_cpu_mem_usage: true\n'],
  ['utils/schemas/deprecated.py:163 alias model_type', 'model_type: AutoModelForCausalLM\n'],
  ['utils/schemas/config.py:212 populate_by_name', 'type_of_model: AutoModelForCausalLM\n'],
  ['utils/schemas/deprecated.py:170 alias model_revision', 'model_revision: main\n'],
  ['utils/schemas/config.py:212 populate_by_name', 'revision_of_model: main\n'],
  [
    'utils/schemas/fsdp.py:16 AliasChoices("fsdp_version", "version")',
    FSDP2.replace('fsdp_version: 2\n', '') + '  version: 2\n',
  ],
];

/** Deprecated names: [source, extra, old key, new name the message and the fix carry]. */
const RENAMED: ReadonlyArray<[string, string, string, string]> = [
  [
    'utils/schemas/deprecated.py:63, validation.py:479',
    'evaluation_strategy: epoch\nval_set_size: 0.05\n',
    'evaluation_strategy',
    'eval_strategy',
  ],
  [
    'utils/schemas/deprecated.py:49, validation.py:375',
    'noisy_embedding_alpha: 5\n',
    'noisy_embedding_alpha',
    'neftune_noise_alpha',
  ],
  ['utils/schemas/deprecated.py:56, validation.py:1568', 'dpo_beta: 0.1\n', 'dpo_beta', 'rl_beta'],
  ['utils/schemas/config.py:419, :2149', 'dataset_processes: 4\n', 'dataset_processes', 'dataset_num_proc'],
  [
    'utils/schemas/config.py:758',
    'pretrain_multipack_buffer_size: 1000\n',
    'pretrain_multipack_buffer_size',
    'streaming_multipack_buffer_size',
  ],
  [
    'utils/schemas/deprecated.py:83',
    'eval_max_new_tokens: 64\n',
    'eval_max_new_tokens',
    'generation_max_new_tokens',
  ],
  ['utils/schemas/config.py:871', 'flash_attn_d512: true\n', 'flash_attn_d512', 'large_head_attention: auto'],
  [
    'utils/schemas/config.py:786',
    'xformers_attention: true\n',
    'xformers_attention',
    'attn_implementation: xformers',
  ],
  [
    'integrations/liger/args.py:75-79',
    `${LIGER}liger_swiglu: true\n`,
    'liger_swiglu',
    'liger_glu_activation',
  ],
  [
    'utils/schemas/validation.py:1085 (fsdp_ prefix)',
    `${FSDP2}  fsdp_offload_params: true\n`,
    'fsdp_offload_params',
    'offload_params',
  ],
];

describe('validate: Axolotl key aliases and renamed keys (067b021)', () => {
  for (const [source, extra] of ALIASES)
    it(`accepts ${extra.split(':')[0]} without a finding (${source})`, () => {
      assert.deepEqual(findings(AX + extra), []);
    });
  for (const [source, extra, oldKey, newName] of RENAMED)
    it(`${oldKey}: warns with ${newName} and a fix that writes it (${source})`, () => {
      const text = AX + extra;
      const on = findings(text).filter((d) => text.slice(d.start, d.end) === oldKey);
      assert.ok(on.length > 0, 'no finding on the old key');
      // The new name is in the message or in the fix's title (Axolotl's fsdp_ message names no key).
      const named = (d: Diagnostic): boolean =>
        [d.message, ...(d.fixes ?? []).map((f) => f.title)].some((t) => t.includes(newName.split(':')[0]));
      assert.ok(on.every((d) => d.severity === 'warning' && named(d)));
      const withFix = on.find((d) => d.fixes?.length)!;
      const fixed = applyFix(text, withFix);
      assert.ok(fixed.includes(newName.includes(':') ? newName : `${newName}:`), fixed);
      assert.deepEqual(
        findings(fixed).filter((d) => d.severity === 'error' || fixed.slice(d.start, d.end) === oldKey),
        [],
      );
    });
  it('datasets[].message_field_role becomes message_property_mappings: {role: …} (utils/schemas/utils.py:38-50)', () => {
    const legacy = AX.replace(
      '    type: alpaca\n',
      '    type: chat_template\n    message_field_role: from\n',
    );
    const d = findings(legacy).find((x) => x.code === 'ax-dataset-message-field-legacy')!;
    assert.equal(d.severity, 'warning');
    const fixed = applyFix(legacy, d);
    assert.ok(fixed.includes('    message_property_mappings: {role: from}\n'), fixed);
    assert.deepEqual(findings(fixed), []);
    // With both legacy keys one rename cannot say it all: the warning stays, without a fix.
    const both = legacy.replace('from\n', 'from\n    message_field_content: value\n');
    assert.deepEqual(
      findings(both)
        .filter((x) => x.code === 'ax-dataset-message-field-legacy')
        .map((x) => x.fixes),
      [undefined],
    );
  });
});
