// `accelerate estimate-memory` convention, for comparison with what users already know
// (huggingface/accelerate src/accelerate/commands/estimate.py): fp32 size divided per dtype, and
// "Training using Adam" as the largest single stage (model, gradients, optimizer, step), not a sum.

export interface AccelerateRow {
  dtype: 'float32' | 'float16' | 'int8' | 'int4';
  /** Model size in bytes. */
  totalBytes: number;
  /** Peak stage for Adam training in bytes; null where accelerate prints "N/A". */
  adamBytes: number | null;
}

export function accelerateEstimate(params: number): AccelerateRow[] {
  const fp32 = 4 * params;
  return [
    // float32: model 4P, grads 4P, optimizer 8P, step 16P → max 16P.
    { dtype: 'float32', totalBytes: fp32, adamBytes: 16 * params },
    // float16: model 4P, grads 6P, optimizer 8P, step 8P → max 8P.
    { dtype: 'float16', totalBytes: fp32 / 2, adamBytes: 8 * params },
    { dtype: 'int8', totalBytes: fp32 / 4, adamBytes: null },
    { dtype: 'int4', totalBytes: fp32 / 8, adamBytes: null },
  ];
}
