// Findings the PEFT/TRL/torchtune schemas give on the real corpus files, each with the reason it is right.
// Paths are relative to ../shared/corpus/real. Used by schemas-peft-trl-torchtune.test.ts.

export const EXPECTED_REAL: Record<string, { reason: string; files: string[] }> = {
  'additionalProperties /exclude_modules': {
    reason:
      'C3AConfig and UniLoraConfig have no exclude_modules field at PEFT 5d602fd: PEFT drops the key with "Unexpected keyword arguments ... ignored" (warning).',
    files: [
      'peft/method_comparison/MetaMathQA/experiments/c3a/llama-3.2-3B-default/adapter_config.json',
      'peft/method_comparison/MetaMathQA/experiments/unilora/llama-3.2-3B-default/adapter_config.json',
    ],
  },
  'additionalProperties /fan_in_fan_out': {
    reason:
      'C3AConfig has no fan_in_fan_out field at PEFT 5d602fd: dropped with the "Unexpected keyword arguments" warning.',
    files: ['peft/method_comparison/MetaMathQA/experiments/c3a/llama-3.2-3B-default/adapter_config.json'],
  },
  'additionalProperties /alpha_pattern': {
    reason:
      'OFTConfig had alpha_pattern only in PEFT 0.14; current PEFT drops the key with the "Unexpected keyword arguments ... ignored" warning.',
    files: ['peft/method_comparison/MetaMathQA/experiments/oft/llama-3.2-3B-rank32/adapter_config.json'],
  },
  'additionalProperties /rank_pattern': {
    reason:
      'OFTConfig had rank_pattern only in PEFT 0.14; current PEFT drops the key with the "Unexpected keyword arguments ... ignored" warning.',
    files: ['peft/method_comparison/MetaMathQA/experiments/oft/llama-3.2-3B-rank32/adapter_config.json'],
  },
  'deprecated /torch_dtype': {
    reason:
      'TRL ModelConfig renamed torch_dtype to dtype (after 0.26); the corpus README notes most recipes still use it.',
    files: [
      'alignment-handbook/recipes/constitutional-ai/dpo/config_anthropic.yaml',
      'alignment-handbook/recipes/constitutional-ai/sft/config_anthropic.yaml',
      'alignment-handbook/recipes/pref_align_scan/dpo/config_openhermes.yaml',
      'alignment-handbook/recipes/pref_align_scan/dpo/config_zephyr.yaml',
      'alignment-handbook/recipes/smollm2/dpo/config.yaml',
      'alignment-handbook/recipes/smollm2/dpo/config_smol.yaml',
      'alignment-handbook/recipes/smollm2/sft/config_smol.yaml',
      'alignment-handbook/recipes/smollm3/dpo/apo.yaml',
      'alignment-handbook/recipes/smollm3/sft/sft.yaml',
      'alignment-handbook/recipes/starchat2-15b/dpo/config_v0.1.yaml',
      'alignment-handbook/recipes/zephyr-141b-A35b/orpo/config_full.yaml',
      'alignment-handbook/recipes/zephyr-7b-beta/dpo/config_full.yaml',
      'alignment-handbook/recipes/zephyr-7b-beta/sft/config_full.yaml',
      'alignment-handbook/recipes/zephyr-7b-beta/sft/config_qlora.yaml',
      'alignment-handbook/recipes/zephyr-7b-gemma/sft/config_full.yaml',
      'open-r1/recipes/DeepSeek-R1-Distill-Qwen-1.5B/grpo/config_demo.yaml',
      'open-r1/recipes/OlympicCoder-32B/sft/config_v00.00.yaml',
      'open-r1/recipes/OpenR1-Distill-7B/sft/config_distill.yaml',
      'open-r1/recipes/Qwen2.5-1.5B-Instruct/grpo/config_demo.yaml',
      'open-r1/recipes/Qwen2.5-1.5B-Instruct/grpo/config_demo_code_ioi.yaml',
      'open-r1/recipes/Qwen2.5-Coder-7B-Instruct/grpo/config_codeforces.yaml',
      'open-r1/recipes/dataset_filtering/config_demo.yaml',
      'open-r1/recipes/dataset_filtering/filter_dapo.yaml',
    ],
  },
  'deprecated /max_prompt_length': {
    reason:
      'max_prompt_length left DPO/GRPO/ORPO configs in TRL 0.28-0.29; recipes written for older TRL still set it.',
    files: [
      'alignment-handbook/recipes/constitutional-ai/dpo/config_anthropic.yaml',
      'alignment-handbook/recipes/pref_align_scan/dpo/config_openhermes.yaml',
      'alignment-handbook/recipes/pref_align_scan/dpo/config_zephyr.yaml',
      'alignment-handbook/recipes/smollm2/dpo/config.yaml',
      'alignment-handbook/recipes/smollm2/dpo/config_smol.yaml',
      'alignment-handbook/recipes/starchat2-15b/dpo/config_v0.1.yaml',
      'alignment-handbook/recipes/zephyr-141b-A35b/orpo/config_full.yaml',
      'alignment-handbook/recipes/zephyr-7b-beta/dpo/config_full.yaml',
      'open-r1/recipes/DeepSeek-R1-Distill-Qwen-1.5B/grpo/config_demo.yaml',
      'open-r1/recipes/Qwen2.5-1.5B-Instruct/grpo/config_demo.yaml',
      'open-r1/recipes/Qwen2.5-1.5B-Instruct/grpo/config_demo_code_ioi.yaml',
      'open-r1/recipes/Qwen2.5-Coder-7B-Instruct/grpo/config_codeforces.yaml',
    ],
  },
  'deprecated /warmup_ratio': {
    reason: 'transformers 5 dropped warmup_ratio (warmup_steps takes a ratio < 1); fine on transformers 4.x.',
    files: [
      'alignment-handbook/recipes/constitutional-ai/dpo/config_anthropic.yaml',
      'alignment-handbook/recipes/constitutional-ai/sft/config_anthropic.yaml',
      'alignment-handbook/recipes/pref_align_scan/dpo/config_openhermes.yaml',
      'alignment-handbook/recipes/pref_align_scan/dpo/config_zephyr.yaml',
      'alignment-handbook/recipes/smollm2/dpo/config.yaml',
      'alignment-handbook/recipes/smollm2/dpo/config_smol.yaml',
      'alignment-handbook/recipes/smollm2/sft/config_smol.yaml',
      'alignment-handbook/recipes/smollm3/dpo/apo.yaml',
      'alignment-handbook/recipes/smollm3/sft/sft.yaml',
      'alignment-handbook/recipes/starchat2-15b/dpo/config_v0.1.yaml',
      'alignment-handbook/recipes/zephyr-7b-beta/dpo/config_full.yaml',
      'alignment-handbook/recipes/zephyr-7b-beta/sft/config_full.yaml',
      'alignment-handbook/recipes/zephyr-7b-beta/sft/config_qlora.yaml',
      'alignment-handbook/recipes/zephyr-7b-gemma/sft/config_full.yaml',
      'open-r1/recipes/DeepSeek-R1-Distill-Qwen-1.5B/grpo/config_demo.yaml',
      'open-r1/recipes/OlympicCoder-32B/sft/config_v00.00.yaml',
      'open-r1/recipes/OpenR1-Distill-7B/sft/config_distill.yaml',
      'open-r1/recipes/Qwen2.5-1.5B-Instruct/grpo/config_demo.yaml',
      'open-r1/recipes/Qwen2.5-1.5B-Instruct/grpo/config_demo_code_ioi.yaml',
      'open-r1/recipes/Qwen2.5-Coder-7B-Instruct/grpo/config_codeforces.yaml',
    ],
  },
  'deprecated /max_seq_length': {
    reason:
      'SFTConfig renamed max_seq_length to max_length in TRL 0.20 (corpus README: "removed max_seq_length").',
    files: [
      'alignment-handbook/recipes/constitutional-ai/sft/config_anthropic.yaml',
      'alignment-handbook/recipes/smollm2/sft/config_smol.yaml',
      'alignment-handbook/recipes/zephyr-7b-beta/sft/config_full.yaml',
      'alignment-handbook/recipes/zephyr-7b-beta/sft/config_qlora.yaml',
      'alignment-handbook/recipes/zephyr-7b-gemma/sft/config_full.yaml',
    ],
  },
  'deprecated /overwrite_output_dir': {
    reason: 'transformers 5 removed overwrite_output_dir (it no longer had an effect).',
    files: [
      'alignment-handbook/recipes/constitutional-ai/sft/config_anthropic.yaml',
      'alignment-handbook/recipes/smollm2/sft/config_smol.yaml',
      'alignment-handbook/recipes/smollm3/dpo/apo.yaml',
      'alignment-handbook/recipes/smollm3/sft/sft.yaml',
      'alignment-handbook/recipes/zephyr-7b-beta/sft/config_full.yaml',
      'alignment-handbook/recipes/zephyr-7b-beta/sft/config_qlora.yaml',
      'alignment-handbook/recipes/zephyr-7b-gemma/sft/config_full.yaml',
      'open-r1/recipes/DeepSeek-R1-Distill-Qwen-1.5B/grpo/config_demo.yaml',
      'open-r1/recipes/OlympicCoder-32B/sft/config_v00.00.yaml',
      'open-r1/recipes/OpenR1-Distill-7B/sft/config_distill.yaml',
      'open-r1/recipes/Qwen2.5-1.5B-Instruct/grpo/config_demo.yaml',
      'open-r1/recipes/Qwen2.5-1.5B-Instruct/grpo/config_demo_code_ioi.yaml',
      'open-r1/recipes/Qwen2.5-Coder-7B-Instruct/grpo/config_codeforces.yaml',
    ],
  },
  'enum /packing_strategy': {
    reason:
      'packing_strategy "ffd" was renamed "bfd" in TRL 0.20 (#3696); with packing on, current TRL raises "Invalid packing strategy".',
    files: ['alignment-handbook/recipes/smollm3/sft/sft.yaml'],
  },
  'deprecated /vllm_device': {
    reason: 'GRPOConfig.vllm_device existed in TRL 0.14-0.17 only.',
    files: ['open-r1/recipes/Qwen2.5-Coder-7B-Instruct/grpo/config_codeforces.yaml'],
  },
  'deprecated-value /reward_and_value_model/_component_': {
    reason: 'torchtune.models.llama2.llama2_classifier is @deprecated (removal announced for 0.8.0).',
    files: ['torchtune/recipes/configs/llama2/1B_full_ppo_low_memory_single_device.yaml'],
  },
  'deprecated-value /loss/_component_': {
    reason:
      'CEWithChunkedOutputLoss is @deprecated in favour of LinearCrossEntropyLoss; torchtune warns but trains.',
    files: [
      'torchtune/recipes/configs/qwen2/1.5_to_0.5B_KD_lora_distributed.yaml',
      'torchtune/recipes/configs/qwen2_5/14B_to_7B_KD_lora_single_device.yaml',
    ],
  },
  'enum /model/_component_': {
    reason:
      'torchtune.models.qwen2_5.lora_qwen2_5_7b does not exist at torchtune bd2a0fc (only lora_qwen2_5_7b_base/_instruct): config.instantiate fails.',
    files: ['torchtune/recipes/configs/qwen2_5/14B_to_7B_KD_lora_single_device.yaml'],
  },
};
