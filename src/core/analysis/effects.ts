// "Live effect" lines for a key under the cursor: what this key does in THIS file, computed from
// the analysis. Plain Markdown strings; the hover adapter only wraps them.
import type { ConfigAnalysis } from './index';
import { compactCount, exactCount, gigabytes, learningRate, percent } from './format';

type Effect = (a: ConfigAnalysis) => string[];

const scaling: Effect = (a) => a.loraScaling
  ? [`LoRA scaling: ${a.loraScaling.formula} (${a.loraScaling.source})`]
  : [];

const batch: Effect = (a) => a.effectiveBatch ? [`Effective batch: ${a.effectiveBatch.formula}`] : [];

const trainable: Effect = (a) => {
  const e = a.estimate;
  if (!e) return a.problems.slice(0, 1).map((p) => `Trainable parameters: not computed (${p})`);
  return [`Trainable parameters: **${exactCount(e.trainableParams)}** of ${exactCount(e.totalParams)} (${percent(e.trainablePercent)}), ${e.adaptedModules} modules adapted; ${e.basis}`];
};

const targets: Effect = (a) => {
  const e = a.estimate;
  if (!e) return trainable(a);
  const lines = e.targetMatches.map((t) => t.matched > 0
    ? `\`${t.entry}\` → ${t.matched} modules`
    : `\`${t.entry}\` → **no module** (the model has: ${e.availableTargetNames.slice(0, 12).join(', ')})`);
  const hit = e.breakdown.byModule.slice(0, 8).map((m) => `\`${m.pattern}\` ×${m.modules}: ${compactCount(m.params)}`);
  return [...trainable(a), ...lines, ...(hit.length ? [`Adapted: ${hit.join(' · ')}`] : [])];
};

const memory: Effect = (a) => {
  if (!a.memory) return [];
  const parts = a.memory.components.map((c) => `${c.label} ${gigabytes(c.bytes)}`);
  return [`Estimated training memory per device: **${gigabytes(a.memory.totalBytes)}** (${parts.join(' + ')}); an estimate, see the panel for formulas`];
};

const rate: Effect = (a) => {
  const recs = a.laws.filter((l) => l.applies === 'recommendation' && l.learningRate !== null).slice(0, 2);
  const context = a.laws.filter((l) => l.applies === 'context' && l.learningRate !== null).slice(0, 1);
  return [...recs, ...context].map((l) => {
    const src = l.source.arxiv ? `arXiv ${l.source.arxiv}` : l.source.version ?? l.source.url;
    const tag = l.applies === 'context' ? ' *(pre-training law, shown as context)*' : '';
    const cmp = l.comparison ? ` — current value is ${l.comparison}` : '';
    return `${l.title}: ${learningRate(l.learningRate as number)} (${src})${tag}${cmp}${l.unverified ? ' *(unverified constant)*' : ''}`;
  });
};

const model: Effect = (a) => {
  if (!a.model) return a.problems.filter((p) => /model/.test(p)).slice(0, 1);
  const where = a.model.kind === 'catalog' ? `bundled catalog (${a.model.entry?.source ?? a.model.location})` : `${a.model.kind}: ${a.model.location}`;
  const base = a.estimate ? `, ${compactCount(a.estimate.baseParams)} parameters` : '';
  return [`Model config from ${where}${base}`, ...(a.model.note ? [a.model.note] : [])];
};

/** Leaf key → the effects its hover shows. */
const EFFECTS: Record<string, Effect[]> = {
  lora_r: [scaling, trainable], r: [scaling, trainable], lora_rank: [scaling, trainable],
  lora_alpha: [scaling], use_rslora: [scaling], peft_use_rslora: [scaling],
  micro_batch_size: [batch, memory], per_device_train_batch_size: [batch, memory], batch_size: [batch, memory],
  gradient_accumulation_steps: [batch], sequence_len: [batch, memory], cutoff_len: [batch, memory],
  max_seq_length: [batch, memory], max_length: [batch, memory], max_seq_len: [batch, memory],
  learning_rate: [rate], lr: [rate],
  target_modules: [targets], lora_target_modules: [targets], lora_target: [targets], lora_target_linear: [targets],
  lora_attn_modules: [targets], apply_lora_to_mlp: [targets], apply_lora_to_output: [targets],
  adapter: [trainable, memory], peft_type: [trainable], finetuning_type: [trainable, memory], use_peft: [trainable],
  modules_to_save: [trainable], lora_modules_to_save: [trainable], use_dora: [trainable], peft_use_dora: [trainable],
  num_virtual_tokens: [trainable], layers_to_transform: [trainable],
  load_in_4bit: [memory], load_in_8bit: [memory], quantization_bit: [memory], gradient_checkpointing: [memory],
  enable_activation_checkpointing: [memory], optimizer: [memory], optim: [memory], bf16: [memory], fp16: [memory],
  base_model: [model, trainable], model_name_or_path: [model, trainable], _component_: [model, trainable],
};

/** The live-effect lines for the key at the end of `path`; [] when the key has none. */
export function liveEffects(path: readonly string[], analysis: ConfigAnalysis): string[] {
  const leaf = path[path.length - 1];
  const effects = leaf === undefined ? undefined : EFFECTS[leaf];
  if (!effects) return [];
  const seen = new Set<string>();
  return effects.flatMap((f) => f(analysis)).filter((l) => !seen.has(l) && seen.add(l));
}
