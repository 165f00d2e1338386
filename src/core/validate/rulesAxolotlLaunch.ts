// Axolotl checks at launch beyond rulesAxolotl.ts: save/eval scheduling, FSDP with 8-bit optimizers,
// new tokens with an adapter. Read at the schema's commit 067b021 (Axolotl 0.18.0); file:line per rule.
import type { Config, CrossFieldRule, RuleHit } from './ruleKit';
import { at, hit, isSet } from './ruleKit';
import { fsdpKey, fsdpVersion, obj } from './rulesAxolotlLedgerKit';

const AX = ['axolotl'] as const;
const VAL = 'axolotl@067b021 src/axolotl/utils/schemas/validation.py';
const rule = (
  id: string,
  severity: CrossFieldRule['severity'],
  source: string,
  check: (c: Config) => RuleHit | undefined,
): CrossFieldRule => ({ id, dialects: AX, severity, source, check });
/** fsdp_config.offload_params, also under the deprecated `fsdp_` prefix Axolotl strips. */
const offloads = (c: Config): boolean => isSet(fsdpKey(c, 'offload_params'));

/** Embedding modules a model's new tokens need trained (src/axolotl/loaders/utils.py get_linear_embedding_layers). */
function embeddingLayers(c: Config): string[] {
  const m = String(c.base_model ?? '').toLowerCase();
  if (/gpt-?neox|pythia/.test(m)) return ['embed_in', 'embed_out'];
  if (/falcon/.test(m)) return ['word_embeddings', 'lm_head'];
  return ['embed_tokens', 'lm_head'];
}
const missingModules = (c: Config, need: string[]): boolean => {
  const listed = Array.isArray(c.lora_modules_to_save) ? c.lora_modules_to_save.map(String) : [];
  return !need.every((m) => listed.includes(m));
};
/**
 * Special tokens the common tokenizer families already have (Llama 2/3/4, Qwen, Mistral, Gemma,
 * Falcon, Yi, Phi): setting one of these adds no token, so Axolotl's check does not fire.
 */
const SHIPPED = new Set([
  '<s>',
  '</s>',
  '<unk>',
  '<pad>',
  '<bos>',
  '<eos>',
  '<|endoftext|>',
  '<|startoftext|>',
  '<|im_start|>',
  '<|im_end|>',
  '<|begin_of_text|>',
  '<|end_of_text|>',
  '<|eot_id|>',
  '<|finetune_right_pad_id|>',
  '<|eot|>',
  '<|finetune_right_pad|>',
  '<end_of_turn>',
  '<start_of_turn>',
  '<|end|>',
  '<|user|>',
  '<|assistant|>',
]);
const modulesFix = (need: string[]): RuleHit['fix'] => ({
  title: `Set lora_modules_to_save: [${need.join(', ')}]`,
  path: ['lora_modules_to_save'],
  value: `[${need.join(', ')}]`,
});

export const AXOLOTL_LAUNCH_RULES: readonly CrossFieldRule[] = [
  rule('ax-save-strategy-save-steps', 'error', `${VAL}:309 check_saves`, (c) =>
    isSet(c.save_strategy) && isSet(c.save_steps) && c.save_strategy !== 'steps'
      ? hit(
          ['save_strategy'],
          'value',
          `\`save_strategy: ${String(c.save_strategy)}\` with \`save_steps\`: Axolotl raises "save_strategy and save_steps mismatch. Please set save_strategy to 'steps' or remove save_steps."`,
          { title: 'Set save_strategy: steps', path: ['save_strategy'], value: 'steps' },
        )
      : undefined,
  ),
  rule('ax-save-steps-saves-per-epoch', 'error', `${VAL}:313 check_saves`, (c) =>
    isSet(c.saves_per_epoch) && isSet(c.save_steps)
      ? hit(
          ['saves_per_epoch'],
          'key',
          '`save_steps` and `saves_per_epoch` are mutually exclusive; Axolotl raises. Keep one.',
        )
      : undefined,
  ),
  rule('ax-eval-strategy-eval-steps', 'error', `${VAL}:337 check_evals`, (c) =>
    isSet(c.eval_strategy) && isSet(c.eval_steps) && c.eval_strategy !== 'steps'
      ? hit(
          ['eval_strategy'],
          'value',
          `\`eval_strategy: ${String(c.eval_strategy)}\` with \`eval_steps\`: Axolotl raises "eval_strategy and eval_steps mismatch. Please set eval_strategy to 'steps' or remove eval_steps."`,
          { title: 'Set eval_strategy: steps', path: ['eval_strategy'], value: 'steps' },
        )
      : undefined,
  ),
  rule('ax-eval-steps-evals-per-epoch', 'error', `${VAL}:351 check_evals`, (c) =>
    isSet(c.evals_per_epoch) && isSet(c.eval_steps)
      ? hit(
          ['evals_per_epoch'],
          'key',
          '`eval_steps` and `evals_per_epoch` are mutually exclusive; Axolotl raises. Keep one.',
        )
      : undefined,
  ),
  rule('ax-evals-per-epoch-strategy', 'error', `${VAL}:359 check_evals`, (c) =>
    isSet(c.evals_per_epoch) && isSet(c.eval_strategy) && c.eval_strategy !== 'steps'
      ? hit(
          ['eval_strategy'],
          'value',
          '`evals_per_epoch` needs `eval_strategy` empty or `steps`; Axolotl raises.',
        )
      : undefined,
  ),
  rule('ax-bench-eval-needs-steps', 'error', `${VAL}:366 check_evals`, (c) =>
    isSet(c.do_bench_eval) && !isSet(c.evals_per_epoch) && !isSet(c.eval_steps)
      ? hit(
          ['do_bench_eval'],
          'key',
          '`do_bench_eval` needs `evals_per_epoch` or `eval_steps`; Axolotl raises.',
        )
      : undefined,
  ),
  rule('ax-fsdp-offload-8bit-optimizer', 'error', `${VAL}:1136 check_fsdp_offload_w_8bit_optimizer`, (c) =>
    isSet(c.fsdp_config) &&
    String(c.optimizer ?? '').includes('8bit') &&
    offloads(c) &&
    fsdpVersion(c) !== '2'
      ? hit(
          ['optimizer'],
          'value',
          `FSDP${fsdpVersion(c)} with \`offload_params\` cannot use the 8-bit optimizer ${String(c.optimizer)}; Axolotl raises "FSDP Offload not compatible with ${String(c.optimizer)}". Use a 32-bit optimizer (e.g. adamw_torch_fused) or drop offload_params.`,
        )
      : undefined,
  ),
  rule('ax-fsdp2-bnb-8bit-optimizer', 'error', `${VAL}:1150 check_fsdp2_w_8bit_optimizer`, (c) =>
    isSet(c.fsdp_config) &&
    fsdpVersion(c) === '2' &&
    (c.optimizer === 'adamw_8bit' || c.optimizer === 'adamw_bnb_8bit')
      ? hit(
          ['optimizer'],
          'value',
          `FSDP2 is not compatible with ${String(c.optimizer)}; Axolotl raises and suggests \`adamw_torch_8bit\`.`,
          { title: 'Use adamw_torch_8bit', path: ['optimizer'], value: 'adamw_torch_8bit' },
        )
      : undefined,
  ),
  rule('ax-tensor-parallel-8bit-optimizer', 'error', `${VAL}:1779 check_tensor_parallel_optimizer`, (c) =>
    typeof c.tensor_parallel_size === 'number' &&
    c.tensor_parallel_size > 1 &&
    ['paged_adamw_8bit', 'adamw_8bit', 'adamw_bnb_8bit'].includes(String(c.optimizer))
      ? hit(
          ['optimizer'],
          'value',
          `\`tensor_parallel_size\` > 1 is not supported with ${String(c.optimizer)}; Axolotl raises.`,
        )
      : undefined,
  ),
  rule(
    'ax-new-tokens-modules-to-save',
    'error',
    'axolotl@067b021 src/axolotl/loaders/utils.py:134 check_model_config',
    (c) => {
      const need = embeddingLayers(c);
      return isSet(c.adapter) && isSet(c.tokens) && missingModules(c, need)
        ? hit(
            at(c, 'lora_modules_to_save', 'tokens'),
            'key',
            `New \`tokens\` with an adapter: the embeddings must be trained and saved. Axolotl raises "\`lora_modules_to_save\` not properly set when adding new tokens. Please include [${need.join(', ')}]".`,
            modulesFix(need),
          )
        : undefined;
    },
  ),
  rule(
    'ax-special-tokens-modules-to-save',
    'warning',
    'axolotl@067b021 src/axolotl/loaders/tokenizer.py:254 load_tokenizer',
    (c) => {
      const need = embeddingLayers(c);
      const changes = Object.entries(obj(c.special_tokens)).some(
        ([k, v]) => k !== 'pad_token' && k !== 'additional_special_tokens' && !SHIPPED.has(String(v)),
      );
      return isSet(c.adapter) && changes && missingModules(c, need)
        ? hit(
            ['special_tokens'],
            'key',
            `\`special_tokens\` with an adapter but \`lora_modules_to_save\` lacks ${need.join(' and ')}: Axolotl raises "Please set lora_modules_to_save to [${need.join(', ')}] when using an adapter and changing the special tokens" when a token is new to the tokenizer (it cannot be known without the tokenizer).`,
            modulesFix(need),
          )
        : undefined;
    },
  ),
];
