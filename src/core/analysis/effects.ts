// "Live effect" lines for a key under the cursor: what this key does in THIS file, computed from
// the analysis. Plain Markdown strings; the hover adapter only wraps them.
import type { ConfigAnalysis } from './index';
import { suggestCatalogName } from '../models/catalog';
import { SETTINGS } from '../ids';
import { activationsMissing, memoryHeadline, memoryReadingLines } from '../present/memory';
import {
  compactCount,
  exactCount,
  gigabytes,
  learningRate,
  percent,
  ratioShort,
  shortSource,
} from './format';
import { escapeMarkdownText, inlineCode } from '../present/markdown';
import { sweepEffects } from '../present/sweep';

/** Why activations are missing from the memory estimate (core/present/memory.ts). */
export { activationsMissing };

type Effect = (a: ConfigAnalysis) => string[];

const scaling: Effect = (a) =>
  a.loraScaling ? [`LoRA scaling: ${a.loraScaling.formula} (${a.loraScaling.source})`] : [];

const batch: Effect = (a) => (a.effectiveBatch ? [`Effective batch: ${a.effectiveBatch.formula}`] : []);

const trainable: Effect = (a) => {
  const e = a.estimate;
  if (e) {
    // Full fine-tuning adapts no module; "0 modules adapted" there reads like an error.
    const adapted = e.adaptedModules > 0 ? `, ${e.adaptedModules} modules adapted` : '';
    return [
      `Trainable parameters: **${exactCount(e.trainableParams)}** of ${exactCount(e.totalParams)} (${percent(e.trainablePercent)})${adapted}; ${e.basis}`,
    ];
  }
  // Without a model the model line already explains why; repeating the long reason is noise.
  if (!a.model)
    return [
      `Trainable parameters: not computed (${a.modelRef ? 'model not resolved' : 'no base model named'})`,
    ];
  return a.problems.slice(0, 1).map((p) => `Trainable parameters: not computed (${escapeMarkdownText(p)})`);
};

/** Last name of a module path: model.layers.*.self_attn.q_proj → q_proj. */
const leaf = (pattern: string): string => pattern.slice(pattern.lastIndexOf('.') + 1);

const targets: Effect = (a) => {
  const e = a.estimate;
  if (!e) return trainable(a);
  const entries = e.targetMatches.map((t) =>
    t.matched > 0
      ? `${inlineCode(t.entry)} → ${t.matched} modules`
      : `${inlineCode(t.entry)} → **no module**`,
  );
  const missed = e.targetMatches.some((t) => t.matched === 0)
    ? [
        `The model has: ${e.availableTargetNames
          .slice(0, 12)
          .map((n) => inlineCode(n))
          .join(', ')}`,
      ]
    : [];
  const hit = e.breakdown.byModule
    .slice(0, 8)
    .map((m) => `${inlineCode(leaf(m.pattern))} ×${m.modules} ${compactCount(m.params)}`);
  const noList = entries.length === 0 && a.input?.peft.target_modules == null;
  // Plain names that all hit something say nothing the per-module line does not: show the entry
  // line only for patterns (all-linear, regexes) and for entries that hit nothing.
  const leaves = new Set(e.breakdown.byModule.map((m) => leaf(m.pattern)));
  const telling = e.targetMatches.some((t) => t.matched === 0 || !leaves.has(t.entry));
  return [
    ...trainable(a),
    ...(entries.length && telling ? [`Targets: ${entries.join(' · ')}`] : []),
    ...(noList && hit.length ? ['Targets: none listed, so PEFT uses its default for this architecture'] : []),
    ...(a.dialect === 'torchtune' ? torchtuneNames(e.targetMatches.map((t) => t.entry)) : []),
    ...missed,
    ...(hit.length ? [`Adapted (parameters): ${hit.join(' · ')}`] : []),
  ];
};

/** torchtune lists its own names; the counts use the Hugging Face model's (what PEFT and the panel show). */
function torchtuneNames(entries: readonly string[]): string[] {
  const parts = [
    ...(entries.includes('o_proj') ? ["torchtune's `output_proj` is `o_proj`"] : []),
    ...(entries.includes('gate_proj')
      ? ['`apply_lora_to_mlp` adds `gate_proj`, `up_proj`, `down_proj`']
      : []),
  ];
  return parts.length ? [`Module names as in the Hugging Face model: ${parts.join('; ')}`] : [];
}

/** Short names for memory components, largest first, so the hover stays one line. */
const MEMORY_NAMES: Record<string, string> = {
  weights: 'weights',
  gradients: 'gradients',
  optimizer: 'optimizer states',
  activations: 'activations',
  'adapter-activations': 'adapter activations',
  logits: 'logits and loss',
};

const memory: Effect = (a) => {
  if (!a.memory) return [];
  const parts = [...a.memory.components]
    .sort((x, y) => y.bytes - x.bytes)
    .map((c) => `${MEMORY_NAMES[c.id] ?? c.label.replace(/\s*[:(].*$/, '')} ${gigabytes(c.bytes)}`);
  const missing = activationsMissing(a);
  return [
    `Estimated training memory per device: **${memoryHeadline(a.memory, missing)}** (${parts.join(', ')})${missing ? `; activations not counted (${missing})` : ''}; formulas in the estimator panel`,
    `Readings: ${memoryReadingLines(a.memory).join('; ')}`,
  ];
};

const rate: Effect = (a) => {
  const recs = a.laws.filter((l) => l.applies === 'recommendation' && l.learningRate !== null).slice(0, 2);
  const context = a.laws.filter((l) => l.applies === 'context' && l.learningRate !== null).slice(0, 1);
  const current = a.input?.training.learningRate;
  if (recs.length + context.length === 0 && !a.model) {
    return [
      `Learning-rate recommendations need the base model's size (${a.modelRef ? 'model not resolved' : 'no base model named'})`,
    ];
  }
  return [...recs, ...context].map((l) => {
    const tag = l.applies === 'context' ? ' *(pre-training law, shown as context)*' : '';
    const cmp =
      l.currentRatio !== null && current !== undefined
        ? ` — yours (${learningRate(current)}) is ${ratioShort(l.currentRatio)}`
        : '';
    return `${l.title}: ${learningRate(l.learningRate as number)} ([${shortSource(l.source)}](${l.source.url}))${tag}${cmp}${l.unverified ? ' *(unverified constant)*' : ''}`;
  });
};

const model: Effect = (a) => {
  if (!a.model) {
    const why = a.problems.find((p) => /model/.test(p));
    if (!why) return [];
    const nearest = a.modelRef ? ` Closest catalog model: \`${suggestCatalogName(a.modelRef)}\`.` : '';
    return [
      `${escapeMarkdownText(why[0].toUpperCase() + why.slice(1))}.${nearest} Or pick one in the estimator panel, name a local config.json, or let the extension fetch config.json from the Hub (setting \`${SETTINGS.allowNetwork}\`).`,
    ];
  }
  const base = a.estimate ? `, ${compactCount(a.estimate.baseParams)} parameters` : '';
  const source = a.model.entry?.source;
  const where =
    a.model.kind === 'catalog'
      ? `${source ? `[${a.model.location}](${source})` : a.model.location} (bundled catalog)`
      : `${escapeMarkdownText(a.model.location)} (${a.model.kind})`;
  return [`Model config: ${where}${base}`, ...(a.model.note ? [escapeMarkdownText(a.model.note)] : [])];
};

/** Leaf key → the effects its hover shows. */
const EFFECTS: Record<string, Effect[]> = {
  lora_r: [scaling, trainable],
  r: [scaling, trainable],
  lora_rank: [scaling, trainable],
  lora_alpha: [scaling],
  use_rslora: [scaling],
  peft_use_rslora: [scaling],
  micro_batch_size: [batch, memory],
  per_device_train_batch_size: [batch, memory],
  batch_size: [batch, memory],
  gradient_accumulation_steps: [batch],
  sequence_len: [batch, memory],
  cutoff_len: [batch, memory],
  max_seq_length: [batch, memory],
  max_length: [batch, memory],
  max_seq_len: [batch, memory],
  learning_rate: [rate],
  lr: [rate],
  target_modules: [targets],
  lora_target_modules: [targets],
  lora_target: [targets],
  lora_target_linear: [targets],
  lora_attn_modules: [targets],
  apply_lora_to_mlp: [targets],
  apply_lora_to_output: [targets],
  adapter: [trainable, memory],
  peft_type: [trainable],
  finetuning_type: [trainable, memory],
  use_peft: [trainable],
  modules_to_save: [trainable],
  lora_modules_to_save: [trainable],
  use_dora: [trainable],
  peft_use_dora: [trainable],
  num_virtual_tokens: [trainable],
  layers_to_transform: [trainable],
  load_in_4bit: [memory],
  load_in_8bit: [memory],
  quantization_bit: [memory],
  gradient_checkpointing: [memory],
  enable_activation_checkpointing: [memory],
  optimizer: [memory],
  optim: [memory],
  bf16: [memory],
  fp16: [memory],
  base_model: [model, trainable],
  model_name_or_path: [model, trainable],
  base_model_name_or_path: [model, trainable],
  _component_: [model, trainable],
};

/** The live-effect lines for the key at the end of `path`; [] when the key has none. */
export function liveEffects(path: readonly string[], analysis: ConfigAnalysis): string[] {
  if (analysis.sweep) return sweepEffects(path, analysis.sweep);
  const leaf = path[path.length - 1];
  const effects = leaf === undefined ? undefined : EFFECTS[leaf];
  if (!effects) return [];
  const seen = new Set<string>();
  return effects.flatMap((f) => f(analysis)).filter((l) => !seen.has(l) && seen.add(l));
}
