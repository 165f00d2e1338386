// Builds the memory input from what the estimator knows (parameter counts, the model's module
// inventory) and what the training config states (dtype, quantization, optimizer, sequence length,
// micro-batch, gradient checkpointing, attention kernel, fused loss, ZeRO/FSDP sharding). Assumptions
// for anything the config leaves out are returned as notes so the user sees them next to the numbers.
import type { TrainingShape } from '../estimator-input/types';
import type { ModelInventory } from '../estimator/inventory/types';
import { precisionPlan } from './precision';
import type {
  ActivationShape,
  AdapterInputs,
  FactoredShapes,
  MemoryInput,
  PrecisionPlan,
  ShardingInput,
  WeightDtype,
} from './types';

/** Methods that train base weights rather than add adapters. */
const TRAINS_BASE = new Set(['FULL', 'FREEZE', 'BITFIT', 'LN_TUNING']);

export interface MemoryPlanArgs {
  trainableParams: number;
  totalParams: number;
  peftType: string;
  inventory: ModelInventory;
  training: TrainingShape;
  /** The model's config.json, when known: its attention dropout is read from it. */
  modelConfig?: Record<string, unknown>;
  /** LoRA adapters' inputs (estimator-input/adapter-inputs.ts adapterInputsFor); undefined = not estimated. */
  adapters?: AdapterInputs;
}

/** Heads whose output is vocabulary-wide per token, so the loss sees s·b·V logits. */
const VOCAB_HEADS = new Set(['causal_lm', 'seq2seq_lm', 'masked_lm']);

/** Attention-probability dropout keys of config.json across families (Llama/Mistral/Qwen, GPT-2, BERT, Falcon). */
const ATTENTION_DROPOUT_KEYS = ['attention_dropout', 'attn_pdrop', 'attention_probs_dropout_prob'];

const DEFAULT_ATTENTION_NOTE =
  "attention implementation not stated: assumed sdpa, transformers' default since v4.36 for models with an SDPA path " +
  '(torch ≥ 2.1.1); with eager attention (older transformers, models without SDPA, attn_implementation: eager) add 5·a·s²·b bytes per layer (arXiv 2205.05198)';

/**
 * Base Linear weights bitsandbytes would quantize: every nn.Linear except the output layer and task
 * heads (transformers keeps lm_head/score in 16 bit); Conv1D, embeddings and norms stay 16-bit.
 */
export function quantizableLinearParams(inv: ModelInventory): number {
  return inv.modules
    .filter((m) => m.kind === 'Linear' && !m.isOutputLayer && !m.isHead && !m.tiedTo && !m.fusedExperts)
    .reduce((sum, m) => sum + m.weightParams, 0);
}

function largestQuantizableLinear(inv: ModelInventory): number {
  return inv.modules
    .filter((m) => m.kind === 'Linear' && !m.isOutputLayer && !m.isHead && !m.tiedTo && !m.fusedExperts)
    .reduce((max, m) => Math.max(max, m.weightParams), 0);
}

export function memoryInputFor(args: MemoryPlanArgs): { input: MemoryInput; notes: string[] } {
  const { training: t, inventory: inv } = args;
  const notes: string[] = [];
  const computeDtype = t.dtype ?? 'bf16';
  if (!t.dtype) notes.push('dtype not stated: assumed bf16 mixed precision');
  const trainsBase = TRAINS_BASE.has(args.peftType.toUpperCase());
  const precision = precisionFor(t, computeDtype, notes);
  // Frozen weights stay in the load dtype (LLaMA-Factory and torchtune load in the compute dtype).
  let weightDtype: WeightDtype = precision?.frozenWeights ?? computeDtype;
  if (t.loadIn4bit) weightDtype = 'nf4';
  else if (t.loadIn8bit) weightDtype = 'int8';
  if (!t.optimizer) notes.push('optimizer not stated: assumed AdamW');
  const trainable = trainableShapes(inv, trainsBase);
  const input: MemoryInput = {
    totalParams: args.totalParams,
    trainableParams: args.trainableParams,
    trainsBaseWeights: trainsBase,
    weightDtype,
    quantizedLinearParams:
      weightDtype === 'nf4' || weightDtype === 'int8' ? quantizableLinearParams(inv) : undefined,
    ...(weightDtype === 'nf4' || weightDtype === 'int8'
      ? { largestQuantizedLinear: largestQuantizableLinear(inv) }
      : {}),
    computeDtype,
    optimizer: t.optimizer,
    ...(precision ? { precision } : {}),
    ...(t.optimizerInBackward ? { optimizerInBackward: true } : {}),
    ...(trainable
      ? { factored: trainable.factored, largestParam: trainable.largest, matmulParams: trainable.linear }
      : {}),
  };
  if (t.sequenceLength) {
    if (!t.microBatchSize) notes.push('micro-batch size not stated: assumed 1 sequence per device');
    input.activations = activationShape(args, precision, computeDtype, notes);
    if (args.adapters)
      input.activations.adapters = {
        ...args.adapters,
        ...(weightDtype === 'nf4' || weightDtype === 'int8' ? { quantizedBase: true } : {}),
      };
  } else {
    notes.push('sequence length not stated: activations not estimated');
  }
  input.paramTensors = paramTensorsOf(inv, trainsBase);
  const sharding = shardingFor(t, notes);
  if (sharding) {
    input.sharding = sharding;
    if (sharding.stage === 3) input.gatherUnits = gatherUnitsOf(inv);
  }
  const s = t.sharding;
  if (s?.offload && (s.offloadOptimizer || s.offloadParams)) {
    input.offload = {
      optimizer: s.offloadOptimizer === true,
      params: s.offloadParams === true,
      setting: s.setting,
    };
  }
  return { input, notes };
}

/** The framework's precision rule, when the dialect says whose rules apply (torchtune, HF launchers). */
function precisionFor(
  t: TrainingShape,
  computeDtype: 'fp32' | 'bf16' | 'fp16',
  notes: string[],
): PrecisionPlan | undefined {
  if (!t.precisionFramework) return undefined;
  // Nothing stated at all: the "bf16 assumed" note covers the load dtype too.
  let loadDtype = t.modelDtype ?? (t.dtype ? undefined : computeDtype);
  if (
    t.precisionFramework === 'hf' &&
    !loadDtype &&
    computeDtype !== 'fp32' &&
    t.sharding?.framework !== 'deepspeed'
  ) {
    notes.push(
      "model load dtype (torch_dtype) not stated: assumed fp32, from_pretrained's default in transformers 4.x (v5 loads the checkpoint's dtype), so autocast keeps fp32 weights as the master copy",
    );
    loadDtype = 'fp32';
  }
  return precisionPlan({
    framework: t.precisionFramework,
    computeDtype,
    loadDtype,
    deepspeed: t.sharding?.framework === 'deepspeed',
    pureBf16: t.pureBf16,
  });
}

/**
 * Shapes of the trainable tensors of a full fine-tune, from the inventory: Σ(rows + cols) of the
 * matrices (Linear, Embedding, Conv1D) for factored optimizer states, the vector-shaped rest, the
 * largest single tensor and the Linear weights autocast casts. Undefined for adapters.
 */
function trainableShapes(
  inv: ModelInventory,
  trainsBase: boolean,
): { factored: FactoredShapes; largest: number; linear: number } | undefined {
  if (!trainsBase) return undefined;
  let rowsPlusCols = 0;
  let matrixParams = 0;
  let vectorParams = 0;
  let largest = 0;
  let linear = 0;
  for (const m of inv.modules) {
    if (m.tiedTo) continue;
    const matrix = m.kind === 'Linear' || m.kind === 'Embedding' || m.kind === 'Conv1D';
    if (matrix && !m.fusedExperts) {
      rowsPlusCols += m.inFeatures + m.outFeatures;
      matrixParams += m.weightParams;
    } else vectorParams += m.weightParams;
    vectorParams += m.biasParams + (m.otherParams ?? 0);
    if (m.kind === 'Linear' || m.kind === 'Conv1D') linear += m.weightParams;
    largest = Math.max(largest, m.weightParams);
  }
  return { factored: { matrixRowsPlusCols: rowsPlusCols, vectorParams, matrixParams }, largest, linear };
}

/**
 * The model's parameter tensors (a weight, a bias, other direct parameters) grouped by size, for the
 * caching allocator's band (allocator.ts). All of them train when base weights train (an upper edge
 * for freeze/BitFit); adapters' own tensors are small and packed, so they are not listed.
 */
function paramTensorsOf(inv: ModelInventory, trainsBase: boolean): MemoryInput['paramTensors'] {
  const sizes = new Map<number, number>();
  const add = (elements: number) => {
    if (elements > 0) sizes.set(elements, (sizes.get(elements) ?? 0) + 1);
  };
  for (const m of inv.modules) {
    if (m.tiedTo) continue;
    add(m.weightParams);
    add(m.biasParams);
    add(m.otherParams ?? 0);
  }
  return { sizes: [...sizes.entries()], allTrain: trainsBase };
}

/** ZeRO-3/FSDP units: parameters outside the repeated layers (the root) and one layer's parameters. */
function gatherUnitsOf(inv: ModelInventory): { rootParams: number; layerParams: number } {
  const perLayer = new Map<number, number>();
  let root = 0;
  for (const m of inv.modules) {
    if (m.tiedTo) continue;
    const p = m.weightParams + m.biasParams + (m.otherParams ?? 0);
    if (m.layerIndex === undefined) root += p;
    else perLayer.set(m.layerIndex, (perLayer.get(m.layerIndex) ?? 0) + p);
  }
  return { rootParams: root, layerParams: Math.max(0, ...perLayer.values()) };
}

function activationShape(
  args: MemoryPlanArgs,
  precision: PrecisionPlan | undefined,
  computeDtype: string,
  notes: string[],
): ActivationShape {
  const { training: t, inventory: inv } = args;
  if (!t.attention && t.attentionSetting)
    notes.push(
      `${t.attentionSetting} is not an attention kernel ML Config Lens knows: assumed sdpa (no s×s matrix stored)`,
    );
  else if (!t.attention) notes.push(DEFAULT_ATTENTION_NOTE);
  const shape: ActivationShape = {
    seqLen: t.sequenceLength as number,
    microBatch: t.microBatchSize ?? 1,
    hiddenSize: inv.dims.hiddenSize,
    numLayers: inv.dims.numLayers,
    numHeads: inv.dims.numAttentionHeads,
    gradientCheckpointing: t.gradientCheckpointing ?? false,
    attention: t.attention ?? 'sdpa',
    attentionSetting: t.attention ? t.attentionSetting : 'framework default assumed',
    computeBytes: (precision ? precision.activations === 'fp32' : computeDtype === 'fp32') ? 4 : 2,
    // Autocast's fp32 norms/softmax matter where the weights computing are fp32 (a full fine-tune of fp32 weights, an fp32 frozen base).
    ...(precision?.activations === 'amp' &&
    (TRAINS_BASE.has(args.peftType.toUpperCase()) || precision.frozenWeights === 'fp32')
      ? { autocast: true }
      : {}),
    ...(t.activationOffloading && t.gradientCheckpointing
      ? { activationOffloading: t.activationOffloading }
      : {}),
    ...(t.chunkedLoss ? { chunkedLoss: t.chunkedLoss } : {}),
    frozenBase: !TRAINS_BASE.has(args.peftType.toUpperCase()),
  };
  const dropout = t.attentionDropout ?? attentionDropoutOf(args.modelConfig);
  if (dropout !== undefined) shape.attentionDropout = dropout;
  const output = VOCAB_HEADS.has(inv.head) ? inv.modules.find((m) => m.isOutputLayer) : undefined;
  if (output) shape.vocabSize = output.outFeatures;
  if (t.fusedCrossEntropy) shape.fusedCrossEntropy = t.fusedCrossEntropy;
  return shape;
}

function attentionDropoutOf(config: Record<string, unknown> | undefined): number | undefined {
  const key = config && ATTENTION_DROPOUT_KEYS.find((k) => typeof config[k] === 'number');
  return key ? (config[key] as number) : undefined;
}

/** Per-device numbers need the device count; a stated stage without it is explained, not guessed. */
function shardingFor(t: TrainingShape, notes: string[]): ShardingInput | undefined {
  const s = t.sharding;
  if (!s || s.stage === 0) return undefined;
  if (s.offload && !s.offloadOptimizer && !s.offloadParams)
    notes.push(
      `${s.setting}: CPU offload moves states or weights to CPU RAM, so the GPU peak is lower than shown`,
    );
  if (s.otherParallel)
    notes.push(
      `${s.otherParallel}: tensor/context parallelism splits weights and activations further; not modelled, so per-device numbers are high`,
    );
  const devices = s.shardDevices ?? t.devices;
  if (!devices || devices < 2) {
    notes.push(
      `${s.setting} shards over data-parallel devices, but the config does not say how many: numbers are for one device holding everything; with N_d devices, ZeRO stage ${s.stage} divides ${STAGE_PARTS[s.stage]} by N_d (arXiv 1910.02054 §5)`,
    );
    return undefined;
  }
  return {
    stage: s.stage,
    devices,
    setting: s.shardDevices ? `${s.setting}, dp_shard_size: ${s.shardDevices}` : s.setting,
  };
}

const STAGE_PARTS: Readonly<Record<1 | 2 | 3, string>> = {
  1: 'optimizer states and fp32 master weights',
  2: 'optimizer states, master weights and gradients',
  3: 'optimizer states, master weights, gradients and weights',
};
