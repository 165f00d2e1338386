// What LoRA adapters keep for backward on top of the frozen layers' terms. PEFT's Linear.forward runs
// lora_B(lora_A(dropout(x))) after casting x to the fp32 adapter dtype (peft/tuners/lora/layer.py,
// _cast_input_dtype); under autocast lora_A casts it back to 16 bit and keeps that copy for its weight
// gradient. So per element of an adapted module's input: 2 B (the 16-bit copy), plus a 1-byte dropout
// mask when lora_dropout > 0; and lora_B keeps lora_A's r-wide 16-bit output.
import type { ActivationShape, AdapterInputs, MemoryComponent } from './types';

const SOURCE = 'LoRA, Hu et al. arXiv 2106.09685; huggingface/peft tuners/lora/layer.py Linear.forward (input cast, lora_dropout, lora_A, lora_B)';

/** Bytes kept per input element of an adapted module. */
function bytesPerInput(a: AdapterInputs): number {
  if (a.quantizedBase) {
    // bitsandbytes LoRA layers skip the cast under autocast: with dropout 0 lora_A reuses x, already
    // counted as the frozen layer's input; with dropout it keeps the 16-bit dropout output and the mask.
    return a.dropout > 0 ? 3 : 0;
  }
  return a.dropout > 0 ? 3 : 2;
}

export function adapterActivationComponent(shape: ActivationShape): MemoryComponent | undefined {
  const a = shape.adapters;
  if (!a) return undefined;
  const { seqLen: s, microBatch: b } = shape;
  const k = bytesPerInput(a);
  const width = shape.gradientCheckpointing ? a.maxLayerInputFeatures : a.inputFeatures;
  const modules = shape.gradientCheckpointing ? Math.round((a.modules * a.maxLayerInputFeatures) / a.inputFeatures) : a.modules;
  const bytes = s * b * (k * width + 2 * a.rank * modules);
  if (bytes === 0) return undefined;
  const scope = shape.gradientCheckpointing ? 'one recomputed layer' : `${a.modules} adapted modules`;
  return {
    id: 'adapter-activations',
    label: `LoRA adapter activations (${scope})`,
    bytes,
    formula: `s·b·(${k}·Σd_in + 2·r·n) with s=${s}, b=${b}, Σd_in=${width}, r=${a.rank}, n=${modules}`,
    assumptions: [
      a.dropout > 0 ? `lora_dropout ${a.dropout}: a 1-byte mask per input element besides the 16-bit input lora_A keeps` : 'lora_dropout 0: no mask; lora_A keeps a 16-bit copy of its input',
      ...(a.quantizedBase ? ['4/8-bit base: PEFT does not upcast the input under autocast'] : ['mixed-precision autocast (Trainer bf16/fp16): the fp32 input copy is cast back to 16 bit for lora_A']),
      ...(shape.gradientCheckpointing ? ['gradient checkpointing: adapters sit inside the checkpointed layers, so only the layer being recomputed holds them'] : []),
      'DoRA and other PEFT methods keep different tensors (not estimated)',
    ],
    source: SOURCE,
  };
}
