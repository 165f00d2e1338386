// The disk and memory a mergekit merge needs, as mergekit v0.1.4 documents its execution:
// - inputs are downloaded whole into the Hugging Face cache, the output is written at `dtype`;
// - "Lazy loading of tensors for low memory use" (README.md:45 at v0.1.4): tensors are read from the
//   checkpoints one at a time, so working memory scales with the largest tensor, not with the models;
// - `--low-cpu-memory` "Store results and intermediate values on accelerator. Useful if VRAM > RAM"
//   (mergekit/options.py:98; merge.py:81 passes storage_device=options.device instead of "cpu").
import { DTYPE_BYTES, type MergeEstimate } from './estimate';

const STORED_BYTES: Readonly<Record<string, number>> = { bfloat16: 2, float16: 2, float32: 4, float64: 8 };

export interface MergeNeeds {
  /** Each input's checkpoint size and the dtype it is counted at (stored, else the merge's); undefined when unknown. */
  perInput: ({ bytes: number; dtype: string } | undefined)[];
  /** Bytes of all input checkpoints as stored (downloaded into the HF cache); undefined when one is unknown. */
  inputBytes?: number;
  /** Some input's checkpoint dtype is not stated (catalog configs): it is counted at the merge's dtype. */
  inputDtypeAssumed?: string;
  /** Bytes of the merged model written to the output folder. */
  outputBytes?: number;
  /** Disk for inputs and output together. */
  diskBytes?: number;
  /**
   * Lower bound of the working memory: one largest tensor of every input, plus the result, at the
   * merge's dtype (lazy loading holds tensors, not models). In RAM by default; on the GPU with --low-cpu-memory.
   */
  workingBytes?: number;
  formula?: string;
}

export function mergeNeeds(m: MergeEstimate): MergeNeeds {
  const mergeBytes = DTYPE_BYTES[m.outputDtype];
  const out: MergeNeeds = {
    perInput: m.inputs.map((i) =>
      i.storedBytes !== undefined
        ? { bytes: i.storedBytes, dtype: i.storedDtype ?? '' }
        : i.params !== undefined && mergeBytes
          ? { bytes: i.params * mergeBytes, dtype: m.outputDtype }
          : undefined,
    ),
  };
  const sizes = out.perInput.map((s) => s?.bytes);
  if (sizes.length > 0 && sizes.every((b) => b !== undefined))
    out.inputBytes = sizes.reduce((a: number, b) => a + (b as number), 0);
  if (m.inputs.some((i) => i.storedBytes === undefined) && out.inputBytes !== undefined)
    out.inputDtypeAssumed = m.outputDtype;
  out.outputBytes = m.outputBytes;
  if (out.inputBytes !== undefined && out.outputBytes !== undefined)
    out.diskBytes = out.inputBytes + out.outputBytes;
  const largest = Math.max(0, ...m.inputs.map((i) => i.largestTensorParams ?? 0));
  const bytes =
    DTYPE_BYTES[m.outputDtype] ??
    STORED_BYTES[m.inputs.find((i) => i.storedDtype)?.storedDtype ?? ''] ??
    undefined;
  if (largest > 0 && bytes) {
    const tensors = m.inputs.length + 1;
    out.workingBytes = tensors * largest * bytes;
    out.formula = `${tensors} tensors (one per input + the result) × ${largest.toLocaleString('en-US')} parameters (largest tensor) × ${bytes} bytes`;
  }
  return out;
}
