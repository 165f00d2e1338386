// LLaMA-Factory get_train_args checks beyond rulesLlamaFactory.ts: evaluation data, and features
// that refuse DeepSpeed ZeRO-3. Read at the schema's commit ff6d4d1, src/llamafactory/hparams/parser.py.
import type { Config, CrossFieldRule, RuleHit } from './ruleKit';
import { at } from './ruleKit';

const LF = ['llamafactory'] as const;
const PARSER = 'llamafactory@ff6d4d1 src/llamafactory/hparams/parser.py';
const rule = (id: string, source: string, check: (c: Config) => RuleHit | undefined): CrossFieldRule => ({
  id,
  dialects: LF,
  severity: 'error',
  source,
  check,
});

/**
 * Whether `deepspeed` selects ZeRO-3, and how we know: transformers' is_deepspeed_zero3_enabled()
 * reads zero_optimization.stage of the config. An inline mapping is read; for a path, the file name
 * is what a config shows (LLaMA-Factory's own are examples/deepspeed/ds_z3_config.json,
 * ds_z3_offload_config.json, ds_z3_fp8_config.json).
 */
export function zero3(c: Config): 'inline' | 'name' | undefined {
  const ds = c.deepspeed;
  if (ds && typeof ds === 'object' && !Array.isArray(ds)) {
    const zo = (ds as Config).zero_optimization;
    return zo && typeof zo === 'object' && Number((zo as Config).stage) === 3 ? 'inline' : undefined;
  }
  if (typeof ds !== 'string') return undefined;
  const base = ds.split(/[\\/]/).pop() ?? '';
  return /(^|[^a-z0-9])(ds_)?z(ero)?[-_]?(stage)?[-_]?3([^0-9]|$)/i.test(base) ? 'name' : undefined;
}

/** Features get_train_args refuses under ZeRO-3, with the line that raises. */
const ZERO3: Array<[string, number, (c: Config) => boolean, string]> = [
  ['use_unsloth', 533, (c) => c.use_unsloth === true, 'Unsloth is incompatible with DeepSpeed ZeRO-3.'],
  ['use_kt', 536, (c) => c.use_kt === true, 'KTransformers is incompatible with DeepSpeed ZeRO-3.'],
  [
    'predict_with_generate',
    487,
    (c) => c.predict_with_generate === true,
    '`predict_with_generate` is incompatible with DeepSpeed ZeRO-3.',
  ],
  [
    'pissa_init',
    496,
    (c) => c.pissa_init === true,
    'Please use scripts/pissa_init.py to initialize PiSSA in DeepSpeed ZeRO-3.',
  ],
  ['pure_bf16', 503, (c) => c.pure_bf16 === true, '`pure_bf16` is incompatible with DeepSpeed ZeRO-3.'],
];

export const LLAMAFACTORY_LAUNCH_RULES: readonly CrossFieldRule[] = [
  rule('lf-eval-needs-eval-data', `${PARSER}:483 get_train_args`, (c) => {
    const evaluates =
      c.do_eval === true ||
      c.do_predict === true ||
      c.predict_with_generate === true ||
      (typeof c.eval_strategy === 'string' && c.eval_strategy !== 'no');
    const valSize = typeof c.val_size === 'number' ? c.val_size : 0;
    if (!evaluates || (c.eval_dataset !== undefined && c.eval_dataset !== null) || valSize >= 1e-6)
      return undefined;
    const k = ['do_eval', 'eval_strategy', 'do_predict', 'predict_with_generate'].find(
      (o) => c[o] === true || (o === 'eval_strategy' && typeof c[o] === 'string'),
    );
    return {
      path: at(c, k ?? 'do_eval', 'do_eval'),
      on: 'key',
      message:
        'Evaluation is on but there is no evaluation data: set `val_size` (a fraction of `dataset`) or `eval_dataset`. LLaMA-Factory raises "Please make sure eval_dataset be provided or val_size >1e-6".',
    };
  }),
  rule('lf-zero3-incompatible', `${PARSER}:487-536 get_train_args`, (c) => {
    const how = zero3(c);
    const hit = how && ZERO3.find(([, , on]) => on(c));
    if (!hit) return undefined;
    const [key, line, , quote] = hit;
    const why =
      how === 'inline'
        ? 'the inline DeepSpeed config sets zero_optimization.stage 3'
        : `the DeepSpeed file ${String(c.deepspeed)} is named as a ZeRO-3 config (LLaMA-Factory reads zero_optimization.stage from it)`;
    return {
      path: [key],
      on: 'key',
      message: `\`${key}\` with ZeRO-3 (${why}): LLaMA-Factory raises "${quote}" (parser.py:${line}). Use a ZeRO-2 config or turn \`${key}\` off.`,
    };
  }),
];
