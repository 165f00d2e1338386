// LLaMA-Factory launch checks of rulesLlamaFactory2.ts (ledger/llamafactory.json): per rule a config
// LLaMA-Factory refuses or warns on at ff6d4d1 (finding: exact line and severity) and the config it
// accepts after one change (no finding of that rule, no error at all).
import * as assert from 'node:assert/strict';
import { validateText } from '../../src/core/pipeline';
import { LLAMAFACTORY_RULES_2 } from '../../src/core/validate/rulesLlamaFactory2';

/** 9 lines: a LoRA SFT run LLaMA-Factory accepts. */
const BASE = {
  model_name_or_path: 'm',
  stage: 'sft',
  do_train: 'true',
  finetuning_type: 'lora',
  lora_target: 'all',
  dataset: 'alpaca_en_demo',
  template: 'llama3',
  output_dir: 'out',
  bf16: 'true',
};
type Lines = Record<string, string | null>;
/** BASE with keys replaced (null drops one), then the extra keys, as YAML. */
const yaml = (over: Lines, base: Lines = BASE): string =>
  Object.entries({ ...base, ...over })
    .filter(([, v]) => v !== null)
    .map(([k, v]) => `${k}: ${v}`)
    .join('\n') + '\n';
const INFER = { model_name_or_path: 'm', template: 'llama3' };

// [rule, severity, refused config, 1-based line of the finding, change that makes it accepted]
const CASES: Array<[string, string, Lines, number, Lines, Lines?]> = [
  [
    'lf-ppo-reward-model-type',
    'error',
    {
      stage: 'ppo',
      finetuning_type: 'full',
      lora_target: null,
      reward_model: 'saves/rm',
      reward_model_type: 'lora',
    },
    10,
    { reward_model_type: 'full' },
  ],
  ['lf-pissa-stage', 'error', { stage: 'kto', pissa_init: 'true' }, 10, { pissa_init: null }],
  [
    'lf-quantization-bits-assert',
    'error',
    { stage: 'dpo', ref_model_quantization_bit: '2' },
    10,
    { ref_model_quantization_bit: '4' },
  ],
  [
    'lf-quantized-adapters',
    'error',
    { quantization_bit: '4', upcast_layernorm: 'true', adapter_name_or_path: 'saves/a,saves/b' },
    12,
    { adapter_name_or_path: 'saves/a' },
  ],
  [
    'lf-ppo-options',
    'error',
    { stage: 'ppo', do_train: 'false', reward_model: 'saves/rm' },
    3,
    { do_train: 'true' },
  ],
  [
    'lf-ppo-options',
    'error',
    { stage: 'ppo', reward_model: 'saves/rm', report_to: 'mlflow' },
    11,
    { report_to: 'all' },
  ],
  [
    'lf-predict-compute-accuracy',
    'error',
    { val_size: '0.1', predict_with_generate: 'true', compute_accuracy: 'true' },
    12,
    { compute_accuracy: null },
  ],
  [
    'lf-quantization-device-map-train',
    'error',
    { quantization_bit: '4', upcast_layernorm: 'true', quantization_device_map: 'auto' },
    12,
    { quantization_device_map: null },
  ],
  [
    'lf-galore-deepspeed',
    'error',
    {
      finetuning_type: 'full',
      lora_target: null,
      pure_bf16: 'true',
      use_galore: 'true',
      deepspeed: 'examples/deepspeed/ds_z2_config.json',
    },
    10,
    { deepspeed: null },
  ],
  ['lf-infer-backend-train', 'error', { infer_backend: 'vllm' }, 10, { infer_backend: 'huggingface' }],
  [
    'lf-vllm-infer',
    'error',
    { infer_backend: 'vllm', quantization_bit: '4' },
    4,
    { quantization_bit: null },
    INFER,
  ],
  ['lf-fp8-all-gather', 'warning', { fp8_enable_fsdp_float8_all_gather: 'true' }, 10, { fp8: 'true' }],
  [
    'lf-resize-vocab-additional-target',
    'warning',
    { resize_vocab: 'true' },
    10,
    { additional_target: 'embed_tokens,lm_head' },
  ],
  [
    'lf-galore-mixed-precision',
    'warning',
    { finetuning_type: 'full', lora_target: null, use_galore: 'true' },
    9,
    { pure_bf16: 'true' },
  ],
  [
    'lf-eval-quantized',
    'warning',
    { do_train: 'false', do_eval: 'true', eval_dataset: 'alpaca_en_demo', quantization_bit: '4' },
    12,
    { quantization_bit: null },
  ],
  [
    'lf-dpo-eval-ref-model',
    'warning',
    { stage: 'dpo', do_train: 'false', do_eval: 'true', eval_dataset: 'dpo_en_demo' },
    2,
    { ref_model: 'saves/ref' },
  ],
  [
    'lf-remove-unused-columns',
    'warning',
    { remove_unused_columns: 'true' },
    10,
    { remove_unused_columns: null },
  ],
  [
    'lf-swanlab-report-to',
    'warning',
    { use_swanlab: 'true', report_to: 'swanlab' },
    11,
    { report_to: 'none' },
  ],
  [
    'lf-resume-stage',
    'warning',
    { stage: 'rm', finetuning_type: 'full', lora_target: null, resume_from_checkpoint: 'saves/ckpt' },
    9,
    { resume_from_checkpoint: null },
  ],
  [
    'lf-rm-ppo-lora-resume',
    'warning',
    { stage: 'rm', resume_from_checkpoint: 'saves/ckpt' },
    10,
    { resume_from_checkpoint: null },
  ],
  [
    'lf-trackio',
    'error',
    { report_to: 'trackio', run_name: 'r1', project: '""' },
    12,
    { project: 'my-project' },
  ],
  [
    'lf-trackio-space-id',
    'warning',
    { report_to: 'trackio', run_name: 'r1', trackio_space_id: 'myspace' },
    12,
    { trackio_space_id: 'org/myspace' },
  ],
  [
    'lf-streaming-val-size',
    'error',
    { streaming: 'true', max_steps: '1000', val_size: '0.1' },
    12,
    { val_size: '100' },
  ],
  [
    'lf-interleave-probs-length',
    'error',
    { dataset: 'a,b', mix_strategy: 'interleave_under', interleave_probs: '0.5,0.3,0.2' },
    11,
    { interleave_probs: '0.5,0.5' },
  ],
  ['lf-neat-packing-packing', 'warning', { neat_packing: 'true', packing: 'false' }, 11, { packing: null }],
  [
    'lf-video-pixels',
    'error',
    { video_max_pixels: '1000', video_min_pixels: '2000' },
    10,
    { video_min_pixels: '256' },
  ],
  [
    'lf-export-quantization-dataset',
    'error',
    { export_dir: 'out', export_quantization_bit: '4' },
    4,
    { export_quantization_dataset: 'data/c4_demo.jsonl' },
    INFER,
  ],
  [
    'lf-model-name-required',
    'error',
    { model_name_or_path: 'null' },
    1,
    { model_name_or_path: 'meta-llama/Meta-Llama-3-8B-Instruct' },
  ],
  [
    'lf-special-tokens-config',
    'warning',
    { init_special_tokens: 'desc_init' },
    10,
    { init_special_tokens: 'noise_init' },
  ],
  ['lf-kt-config', 'error', { kt_config: '{kt_model_max_length: 4096}' }, 3, { use_kt: 'true' }, INFER],
  [
    'lf-kt-config',
    'error',
    { use_kt: 'true', kt_config: '{kt_lora_rank: 8}' },
    11,
    { kt_config: '{kt_model_max_length: 4096}' },
  ],
  [
    'lf-kt-config',
    'error',
    { use_kt: 'true', kt_config: '{kt_model_max_length: 0}' },
    11,
    { kt_config: '{kt_model_max_length: 4096}' },
  ],
  [
    'lf-kt-options',
    'error',
    { use_kt: 'true', gradient_checkpointing: 'true' },
    11,
    { gradient_checkpointing: null },
  ],
];

const lineOf = (text: string, offset: number): number => text.slice(0, offset).split('\n').length;

describe('validate: LLaMA-Factory launch checks (rulesLlamaFactory2)', () => {
  it('every rule has a case', () => {
    assert.deepEqual(
      LLAMAFACTORY_RULES_2.map((r) => r.id).filter((id) => !CASES.some((c) => c[0] === id)),
      [],
    );
  });
  for (const [rule, severity, refused, line, fix, base] of CASES) {
    it(`${rule}: ${severity} on line ${line}; accepted after ${JSON.stringify(fix)}`, () => {
      const bad = yaml(refused, base);
      const got = validateText(bad, { dialect: 'llamafactory' })
        .diagnostics.filter((d) => d.code === rule)
        .map((d) => `${lineOf(bad, d.start)}:${d.severity}`);
      assert.deepEqual(got, [`${line}:${severity}`], bad);
      const good = yaml({ ...refused, ...fix }, base);
      const after = validateText(good, { dialect: 'llamafactory' }).diagnostics.filter(
        (d) => d.code === rule || d.severity === 'error',
      );
      assert.deepEqual(
        after.map((d) => `${d.code}: ${d.message}`),
        [],
        good,
      );
    });
  }
});
