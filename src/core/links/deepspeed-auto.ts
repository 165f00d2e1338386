// "auto" in a DeepSpeed config is a placeholder only the HF integration fills (transformers
// HfTrainerDeepSpeedConfig.fill_match, integrations/deepspeed.py:119-121 @ 02348331, used by the HF
// Trainer and by Accelerate). A file referenced by a training config is read that way; a file used by
// plain `deepspeed.initialize` is not (deepspeedai/DeepSpeed v0.19.5):
// - top-level values (train_batch_size, train_micro_batch_size_per_gpu, gradient_accumulation_steps,
//   gradient_clipping, ...) are read by get_scalar_param as the string "auto", and the batch check
//   `assert (train_batch > 0)` (runtime/config.py:912-924) fails on a string;
// - optimizer.params / scheduler.params go to the optimizer or scheduler as the string "auto";
// - inside a section parsed by DeepSpeedConfigModel (zero_optimization, bf16, fp16, ...), "auto" is
//   dropped silently and the field's default applies (runtime/config_utils.py:54-56): no stop, but not
//   the value the HF integration would fill (e.g. bf16.enabled becomes false).
import { isScalar, type Document } from 'yaml';
import type { Diagnostic } from '../validate/types';
import { locate, nodeSpan } from '../validate/locate';
import { DocIndex } from '../validate/nodes';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function autoPaths(v: unknown, at: string[] = []): string[][] {
  if (v === 'auto') return [at];
  if (!isObj(v)) return [];
  return Object.entries(v).flatMap(([k, x]) => autoPaths(x, [...at, k]));
}

/** One finding per "auto" when the file is used by plain deepspeed.initialize. */
export function plainDeepSpeedAutoFindings(text: string, doc: Document, config: Obj): Diagnostic[] {
  const index = new DocIndex(doc);
  const out: Diagnostic[] = [];
  for (const path of autoPaths(config)) {
    const at = locate(index, path);
    const span = at.complete && isScalar(at.value) ? nodeSpan(text, at.value) : undefined;
    if (!span) continue;
    const key = path.join('.');
    const stops = path.length === 1 || path[0] === 'optimizer' || path[0] === 'scheduler';
    out.push({
      start: span[0],
      end: span[1],
      severity: stops ? 'error' : 'warning',
      code: 'deepspeed-auto-plain',
      message: stops
        ? `${key}: "auto" is filled only by the HF Trainer / Accelerate (transformers HfTrainerDeepSpeedConfig); plain deepspeed.initialize reads the string "auto" and stops. Set a number, or launch through the HF Trainer or Accelerate.`
        : `${key}: "auto" is filled only by the HF Trainer / Accelerate; plain deepspeed.initialize drops it and uses DeepSpeed's default for ${path[path.length - 1]} (runtime/config_utils.py:54-56). Set the value you want.`,
    });
  }
  return out;
}
