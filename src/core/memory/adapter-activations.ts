// What LoRA adapters keep for backward on top of the frozen layers' terms. PEFT's Linear.forward runs
// lora_B(lora_A(dropout(x))) after casting x to the fp32 adapter dtype (peft/tuners/lora/layer.py,
// _cast_input_dtype); under autocast lora_A casts it back to 16 bit and keeps that copy for its weight
// gradient. So per element of an adapted module's input: 2 B (the 16-bit copy), plus a 1-byte dropout
// mask when lora_dropout > 0; and lora_B keeps lora_A's r-wide 16-bit output.
import type { ActivationShape, AdapterInputs, MemoryComponent } from './types';

const SOURCE =
  'LoRA, Hu et al. arXiv 2106.09685; huggingface/peft tuners/lora/layer.py Linear.forward (input cast, lora_dropout, lora_A, lora_B)';

/** Bytes kept per input element of an adapted module. */
function bytesPerInput(a: AdapterInputs): number {
  if (a.quantizedBase) {
    // bitsandbytes LoRA layers skip the cast under autocast: with dropout 0 lora_A reuses x, already
    // counted as the frozen layer's input; with dropout it keeps the 16-bit dropout output and the mask.
    return a.dropout > 0 ? 3 : 0;
  }
  return a.dropout > 0 ? 3 : 2;
}

/**
 * DoRA (peft tuners/lora/dora.py DoraLinearLayer.forward): result += (m/‖W‖ − 1)·base_result +
 * (m/‖W‖)·lora_result·scaling, with the magnitude m trainable, so both products keep their tensor
 * input for m's gradient: the base layer's output (16-bit) and the adapter output (in the fp32 adapter
 * dtype) — 2 + 4 bytes per output element of every adapted module (Liu et al. arXiv 2402.09353).
 */
const DORA_BYTES_PER_OUTPUT = 2 + 4;
const DORA_SOURCE =
  'DoRA, Liu et al. arXiv 2402.09353; huggingface/peft tuners/lora/dora.py DoraLinearLayer.forward (mag_norm_scale × base_result, × lora_result)';

export function adapterActivationComponent(shape: ActivationShape): MemoryComponent | undefined {
  const a = shape.adapters;
  if (!a) return undefined;
  const { seqLen: s, microBatch: b } = shape;
  const k = bytesPerInput(a);
  const gc = shape.gradientCheckpointing;
  const width = gc ? a.maxLayerInputFeatures : a.inputFeatures;
  const modules = gc ? Math.round((a.modules * a.maxLayerInputFeatures) / a.inputFeatures) : a.modules;
  const doraOut = a.dora ? (gc ? a.dora.maxLayerOutputFeatures : a.dora.outputFeatures) : 0;
  const bytes = s * b * (k * width + 2 * a.rank * modules + DORA_BYTES_PER_OUTPUT * doraOut);
  if (bytes === 0) return undefined;
  const scope = gc ? 'one recomputed layer' : `${a.modules} adapted modules`;
  return {
    id: 'adapter-activations',
    label: `${a.dora ? 'DoRA' : 'LoRA'} adapter activations (${scope})`,
    bytes,
    formula: `s·b·(${k}·Σd_in + 2·r·n${a.dora ? ` + ${DORA_BYTES_PER_OUTPUT}·Σd_out` : ''}) with s=${s}, b=${b}, Σd_in=${width}, r=${a.rank}, n=${modules}${a.dora ? `, Σd_out=${doraOut}` : ''}`,
    assumptions: [
      a.dropout > 0
        ? `lora_dropout ${a.dropout}: a 1-byte mask per input element besides the 16-bit input lora_A keeps`
        : 'lora_dropout 0: no mask; lora_A keeps a 16-bit copy of its input',
      ...(a.quantizedBase
        ? ['4/8-bit base: PEFT does not upcast the input under autocast']
        : [
            'mixed-precision autocast (Trainer bf16/fp16): the fp32 input copy is cast back to 16 bit for lora_A',
          ]),
      ...(gc
        ? [
            'gradient checkpointing: adapters sit inside the checkpointed layers, so only the layer being recomputed holds them',
          ]
        : []),
      ...(a.dora
        ? [
            'DoRA: the magnitude scaling keeps the base output (2 B) and the fp32 adapter output (4 B) per output element; the weight norm is detached (no activation)',
          ]
        : []),
    ],
    source: a.dora ? `${SOURCE}; ${DORA_SOURCE}` : SOURCE,
    dtype: '16-bit inputs' + (a.dora ? ', fp32 adapter outputs' : ''),
    placement: 'gpu',
  };
}
