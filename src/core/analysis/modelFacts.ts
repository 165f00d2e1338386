// Model facts the config depends on, checked in the pipeline step that runs the target-module check (so
// `ml-config-lens check` and the editor agree): the checkpoint's own quantization, the tokenizer's pad
// token, and, when the model is unknown, which of these checks were skipped.
import { isMap, isScalar, isSeq, type Document, type Node } from 'yaml';
import { dialectPlugin, type DialectId } from '../dialects';
import type { Diagnostic } from '../validate/types';
import type { ConfigAnalysis } from './index';
import { tokenizerFact } from './tokenizerFacts';

/** Dialects whose run loads a Hugging Face checkpoint and trains it with the transformers Trainer. */
const TRAINER_DIALECTS: ReadonlySet<DialectId> = new Set([
  'axolotl',
  'llamafactory',
  'llamafactory-v1',
  'trl',
]);

/** What the model-aware checks need from the model's config.json, by name (the unknown-model note lists them). */
const MODEL_AWARE_CHECKS =
  "target modules against the model's modules, the checkpoint's own quantization (FP8), the tokenizer's pad token";

export function modelFactDiagnostics(a: ConfigAnalysis, doc: Document): Diagnostic[] {
  if (!TRAINER_DIALECTS.has(a.dialect) || !a.modelRef || !a.config) return [];
  const span = valueSpan(doc, a.modelRef);
  if (!span) return [];
  const at = (severity: Diagnostic['severity'], code: string, message: string): Diagnostic => ({
    start: span[0],
    end: span[1],
    severity,
    code,
    message,
  });
  // Only where a skipped check had something to look at: the config names its target modules (an unknown
  // name there is what PEFT stops on), so a config without them stays quiet.
  if (!a.model) {
    if (!namesTargets(a)) return [];
    return [
      at(
        'information',
        'model-unknown',
        `Model-aware checks skipped (${MODEL_AWARE_CHECKS}): model '${a.modelRef}' is not in the catalog, the workspace or the local Hugging Face cache.`,
      ),
    ];
  }
  return [fp8Checkpoint(a, at), missingPadToken(a, at)].flatMap((d) => (d ? [d] : []));
}

type At = (severity: Diagnostic['severity'], code: string, message: string) => Diagnostic;

/**
 * A checkpoint shipped in FP8 (DeepSeek-V3/R1: config.json `quantization_config.quant_method: fp8`).
 * transformers loads it with FineGrainedFP8HfQuantizer, whose `is_trainable` is False
 * (src/transformers/quantizers/quantizer_finegrained_fp8.py:222-224 at v4.57.6, :214-216 at v5.17.0 and
 * v5.18.0), and Trainer.__init__ then raises "You cannot perform fine-tuning on purely quantized models"
 * (no adapter) or "The model you are trying to fine-tune is quantized with fp8 but that quantization
 * method do not support training" (adapter) (src/transformers/trainer.py:557-568 at v4.57.6; at v5.17.0
 * trainer.py:446 calls validate_quantization_for_training, trainer_utils.py:131-141). FineGrainedFP8Config
 * takes `dequantize` only in transformers 5 (utils/quantization_config.py:1714 at v5.17.0 and v5.18.0;
 * 4.57.6 has none). LLaMA-Factory loads FP8 checkpoints with FineGrainedFP8Config(dequantize=True) and
 * lets ZeRO-3/FSDP through (llamafactory/model/model_utils/quantization.py:97-114 at v0.9.5): no finding.
 * Axolotl (at 067b021) dequantizes only when the config asks (`model_quantization_config:
 * FineGrainedFP8Config` with `model_quantization_config_kwargs.dequantize`, src/axolotl/loaders/model.py:669-677),
 * and skips transformers' guard for an adapter on a quantized model in two places: its preference-tuning
 * builder (`rl` set; core/builders/rl.py:300-313 replaces validate_quantization_for_training) and the
 * kernels plugin with `use_scattermoe` / `use_sonicmoe` (integrations/kernels/plugin.py:139-154, 169-183,
 * quant_training_guard.py:44-52): no finding there.
 */
function fp8Checkpoint(a: ConfigAnalysis, at: At): Diagnostic | undefined {
  const q = a.model?.config.quantization_config;
  if (!q || typeof q !== 'object' || (q as Record<string, unknown>).quant_method !== 'fp8') return undefined;
  if (a.dialect === 'llamafactory' || a.dialect === 'llamafactory-v1') return undefined;
  const cfg = a.config ?? {};
  const kwargs = cfg.model_quantization_config_kwargs;
  if (
    a.dialect === 'axolotl' &&
    cfg.model_quantization_config === 'FineGrainedFP8Config' &&
    kwargs &&
    typeof kwargs === 'object' &&
    (kwargs as Record<string, unknown>).dequantize === true
  )
    return undefined;
  if (a.dialect === 'axolotl' && axolotlSkipsQuantGuard(cfg)) return undefined;
  const sharding = a.input?.training.sharding;
  const sharded =
    sharding && sharding.stage === 3
      ? ` Sharding it with ${sharding.framework === 'fsdp' ? 'FSDP' : 'DeepSpeed ZeRO-3'} (${sharding.setting}) does not help: the check runs on the loaded model before any sharding.`
      : '';
  const peftType = a.input?.peft.peft_type ?? 'FULL';
  const adapter = !['FULL', 'FREEZE', 'BITFIT', 'BOTTLENECK'].includes(peftType)
    ? '"The model you are trying to fine-tune is quantized with fp8 but that quantization method do not support training"'
    : '"You cannot perform fine-tuning on purely quantized models"';
  const fix =
    a.dialect === 'axolotl'
      ? ' Dequantize at load with `model_quantization_config: FineGrainedFP8Config` and `model_quantization_config_kwargs: {dequantize: true}`, or train from a BF16 copy.'
      : ' Train from a BF16 copy (DeepSeek publishes fp8_cast_bf16.py for this) or, with transformers 5, load with FineGrainedFP8Config(dequantize=True).';
  return at(
    'error',
    'checkpoint-fp8',
    `${a.modelRef} ships FP8 weights (config.json quantization_config.quant_method: fp8); transformers' FP8 quantizer is not trainable, so the Trainer stops with ${adapter}.${sharded}${fix}`,
  );
}

/** Axolotl replaces transformers' quantized-training guard for this config (an adapter, and the RL builder or the kernels plugin's MoE kernels). */
function axolotlSkipsQuantGuard(cfg: Record<string, unknown>): boolean {
  if (!cfg.adapter) return false;
  if (cfg.rl) return true;
  const plugins = Array.isArray(cfg.plugins) ? cfg.plugins.map(String) : [];
  return (
    plugins.some((p) => p.includes('integrations.kernels')) && !!(cfg.use_scattermoe || cfg.use_sonicmoe)
  );
}

/**
 * A tokenizer published without a pad token (tokenizerFacts.ts), by what each dialect then does:
 * - Axolotl: tokenizer classes LlamaTokenizer(Fast)/CodeLlamaTokenizer(Fast) get "</s>" silently
 *   (src/axolotl/loaders/tokenizer.py:189-201 at 067b021, v0.18.0); any other falls back to EOS with
 *   LOG.warning "Tokenizer does not have a pad_token, falling back to eos_token: %s" (:302-307), unless
 *   `special_tokens.pad_token` is set (added from cfg.special_tokens at :229-260, before the fallback) -> warning.
 *   A Llama 3 tokenizer (hub class PreTrainedTokenizerFast, model_type llama) loads as TokenizersBackend
 *   under transformers 5 (models/auto/tokenization_auto.py:843-887 at v5.18.0), not as a Llama class.
 * - LLaMA-Factory v0: the template sets pad = eos at info level, "Add pad token"
 *   (src/llamafactory/data/template.py:202-204 at v0.9.5) -> no finding.
 * - LLaMA-Factory v1: the collator pads input_ids with 0 and labels with IGNORE_INDEX and never reads the
 *   tokenizer's pad token (src/llamafactory/v1/core/utils/collation.py:265-271 at ff6d4d12) -> no finding.
 * - TRL: SFTTrainer falls back to EOS silently (trl/trainer/sft_trainer.py:1189 at f2cd5771, the commit the TRL
 *   schema pins; :428 at v0.19.0) -> no finding.
 */
function missingPadToken(a: ConfigAnalysis, at: At): Diagnostic | undefined {
  if (a.dialect !== 'axolotl' || !a.modelRef) return undefined;
  const fact = tokenizerFact(a.modelRef);
  if (!fact || fact.padToken !== undefined || AXOLOTL_SILENT_PAD.has(fact.tokenizerClass)) return undefined;
  const special = a.config?.special_tokens;
  if (special && typeof special === 'object' && (special as Record<string, unknown>).pad_token != null)
    return undefined;
  const fix = fact.padCandidate
    ? ` Set \`special_tokens: {pad_token: "${fact.padCandidate}"}\` (an unused special token of this vocabulary) to pad with a token of its own.`
    : '';
  return at(
    'warning',
    'tokenizer-no-pad-token',
    `The tokenizer of ${a.modelRef} has no pad token: Axolotl warns "Tokenizer does not have a pad_token, falling back to eos_token" and pads with the EOS token.${fix}`,
  );
}

/** Tokenizer classes Axolotl gives a pad token without a warning (loaders/tokenizer.py:189-201 at 067b021). */
const AXOLOTL_SILENT_PAD: ReadonlySet<string> = new Set([
  'LlamaTokenizer',
  'LlamaTokenizerFast',
  'CodeLlamaTokenizer',
  'CodeLlamaTokenizerFast',
]);

/** The range of the first scalar whose value is the model reference (the key naming the model). */
function valueSpan(doc: Document, value: string): [number, number] | undefined {
  const walk = (node: unknown, depth: number): [number, number] | undefined => {
    if (depth > 4 || !node) return undefined;
    if (isScalar(node)) {
      if (node.value !== value || !node.range) return undefined;
      const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE' ? 1 : 0;
      return [node.range[0] + quoted, node.range[1] - quoted];
    }
    if (isMap(node)) {
      for (const pair of node.items) {
        const hit = walk(pair.value as Node, depth + 1);
        if (hit) return hit;
      }
    } else if (isSeq(node)) {
      for (const item of node.items) {
        const hit = walk(item, depth + 1);
        if (hit) return hit;
      }
    }
    return undefined;
  };
  return walk(doc.contents, 0);
}

/** The config lists target modules by name (not PEFT's `all-linear` / LLaMA-Factory's `all` / Axolotl's lora_target_linear alone). */
function namesTargets(a: ConfigAnalysis): boolean {
  let v: unknown = a.config;
  for (const key of dialectPlugin(a.dialect).targetModulesKey ?? []) {
    if (!v || typeof v !== 'object') return false;
    v = (v as Record<string, unknown>)[key];
  }
  if (Array.isArray(v)) return v.some((x) => typeof x === 'string');
  return typeof v === 'string' && v.trim() !== '' && !['all', 'all-linear'].includes(v.trim());
}
