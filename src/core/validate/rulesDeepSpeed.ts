// DeepSpeed's own launch checks on a ds_config.json (deepspeed v0.19.5, commit cf44300453eb0af79ed84ed8f1cb49d57478bd76).
// "auto" values are left to the HF integration that fills them (transformers HfTrainerDeepSpeedConfig), so
// a rule only fires on values that are written out.
import type { Config, CrossFieldRule } from './ruleKit';

const obj = (v: unknown): Config | undefined =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Config) : undefined;
const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
const zero = (c: Config): Config | undefined => obj(c.zero_optimization);
/** ZeRO stage as DeepSpeed reads it: `zero_optimization.stage` (default 0), `true` = the deprecated ZeRO-1 switch. */
export function zeroStage(c: Config): number | undefined {
  if (c.zero_optimization === true) return 1;
  const z = zero(c);
  if (!z) return 0;
  return z.stage === undefined ? 0 : num(z.stage);
}
const enabled = (section: unknown): boolean => obj(section)?.enabled === true;
/** bf16 block as DeepSpeed reads it: `bf16`, else the old `bfloat16` (precision_config.py:37-39). */
const bf16Key = (c: Config): string =>
  c.bf16 === undefined && c.bfloat16 !== undefined ? 'bfloat16' : 'bf16';

/** ZeRO-3-only keys in zero_optimization (zero/config.py: stage3_* aliases; offload_param "Valid only with stage 3", offload_config.py:22). */
const STAGE3_ONLY = [
  'offload_param',
  'stage3_prefetch_bucket_size',
  'stage3_param_persistence_threshold',
  'stage3_model_persistence_threshold',
  'stage3_max_live_parameters',
  'stage3_max_reuse_distance',
  'stage3_gather_16bit_weights_on_model_save',
  'stage3_gather_fp16_weights_on_model_save',
];

export const DEEPSPEED_RULES: readonly CrossFieldRule[] = [
  {
    id: 'ds-batch-size-product',
    dialects: ['deepspeed'],
    severity: 'error',
    source:
      'deepspeed v0.19.5 runtime/config.py:924 _batch_assertion: train_batch == micro_batch * grad_acc * world_size',
    check: (c) => {
      const [tb, mb, ga] = [
        num(c.train_batch_size),
        num(c.train_micro_batch_size_per_gpu),
        num(c.gradient_accumulation_steps),
      ];
      if (tb === undefined || mb === undefined || ga === undefined || mb <= 0 || ga <= 0) return undefined;
      if (tb % (mb * ga) === 0) return undefined;
      return {
        path: ['train_batch_size'],
        on: 'value',
        message: `train_batch_size ${tb} is not train_micro_batch_size_per_gpu ${mb} × gradient_accumulation_steps ${ga} × world size for any whole number of GPUs (${tb} / ${mb * ga} = ${(tb / (mb * ga)).toFixed(2)}); DeepSpeed stops with "Check batch related parameters". The world size is not known from this file, so only divisibility is checked.`,
      };
    },
  },
  {
    id: 'ds-batch-size-positive',
    dialects: ['deepspeed'],
    severity: 'error',
    source:
      'deepspeed v0.19.5 runtime/config.py:918-922 _batch_assertion: each batch value "has to be greater than 0"',
    check: (c) => {
      const key = ['train_batch_size', 'train_micro_batch_size_per_gpu', 'gradient_accumulation_steps'].find(
        (k) => {
          const v = num(c[k]);
          return v !== undefined && v <= 0;
        },
      );
      return key
        ? {
            path: [key],
            on: 'value',
            message: `\`${key}\` must be greater than 0; DeepSpeed asserts it at start-up.`,
          }
        : undefined;
    },
  },
  {
    id: 'ds-batch-size-missing',
    dialects: ['deepspeed'],
    severity: 'warning',
    source:
      'deepspeed v0.19.5 runtime/config.py:971-972 _set_batch_related_parameters: "Either train_batch_size or train_micro_batch_size_per_gpu needs to be provided"',
    check: (c) =>
      c.train_batch_size === undefined && c.train_micro_batch_size_per_gpu === undefined
        ? {
            path: [],
            on: 'key',
            message:
              'Neither `train_batch_size` nor `train_micro_batch_size_per_gpu` is set: plain `deepspeed.initialize` stops; set one (or "auto" when the HF Trainer or Accelerate launches the run).',
          }
        : undefined,
  },
  {
    id: 'ds-fp16-and-bf16',
    dialects: ['deepspeed'],
    severity: 'error',
    source:
      "deepspeed v0.19.5 runtime/config.py:814-815: 'bfloat16 and fp16 modes cannot be simultaneously enabled'",
    check: (c) =>
      enabled(c.fp16) && enabled(c[bf16Key(c)])
        ? {
            path: ['fp16', 'enabled'],
            on: 'value',
            message: `\`fp16.enabled\` and \`${bf16Key(c)}.enabled\` are both true; DeepSpeed stops with "bfloat16 and fp16 modes cannot be simultaneously enabled". Keep one.`,
          }
        : undefined,
  },
  {
    id: 'ds-zero-stage-max',
    dialects: ['deepspeed'],
    severity: 'error',
    source:
      'deepspeed v0.19.5 runtime/config.py:1012-1013 _do_error_check: "Maximum supported ZeRO stage is 3" (zero/config.py:87 max_stage = 3)',
    check: (c) => {
      const s = zeroStage(c);
      return s !== undefined && s > 3
        ? {
            path: ['zero_optimization', 'stage'],
            on: 'value',
            message: `ZeRO stage ${s} does not exist; DeepSpeed supports stages 0-3.`,
          }
        : undefined;
    },
  },
  ...(['fp16', 'bf16'] as const).map((kind): CrossFieldRule => ({
    id: `ds-${kind}-master-weights-needs-zero`,
    dialects: ['deepspeed'],
    severity: 'error',
    source: `deepspeed v0.19.5 runtime/config.py:${kind === 'fp16' ? '1016-1019' : '1020-1023'} _do_error_check: "${kind === 'fp16' ? 'Fp16' : 'Bf16'}_master_weights_and_grads is only supported with ZeRO Stage 1, 2, or 3."`,
    check: (c) => {
      const block = kind === 'fp16' ? 'fp16' : bf16Key(c);
      const key = `${kind}_master_weights_and_grads`;
      const s = zeroStage(c);
      return obj(c[block])?.[key] === true && s === 0
        ? {
            path: [block, key],
            on: 'value',
            message: `\`${block}.${key}\` needs ZeRO stage 1, 2 or 3 (\`zero_optimization.stage\` is 0 here); DeepSpeed stops.`,
          }
        : undefined;
    },
  })),
  {
    id: 'ds-bf16-optimizer-states',
    dialects: ['deepspeed'],
    severity: 'error',
    source:
      'deepspeed v0.19.5 runtime/config.py:1024-1028 _do_error_check: bf16_optimizer_states needs ZeRO 1-3 and bf16_master_weights_and_grads',
    check: (c) => {
      const b = obj(c[bf16Key(c)]);
      if (b?.bf16_optimizer_states !== true) return undefined;
      if (zeroStage(c) === 0)
        return {
          path: [bf16Key(c), 'bf16_optimizer_states'],
          on: 'value',
          message: '`bf16_optimizer_states` is only supported with ZeRO stage 1, 2 or 3; DeepSpeed stops.',
        };
      if (b.bf16_master_weights_and_grads !== true)
        return {
          path: [bf16Key(c), 'bf16_optimizer_states'],
          on: 'value',
          message: '`bf16_optimizer_states` requires `bf16_master_weights_and_grads: true`; DeepSpeed stops.',
        };
      return undefined;
    },
  },
  {
    id: 'ds-partial-offload-needs-zero3',
    dialects: ['deepspeed'],
    severity: 'error',
    source:
      'deepspeed v0.19.5 zero/config.py:388-392 offload_ratio_check: "Partial offloading only supported for ZeRO Stage 3."',
    check: (c) => {
      const ratio = num(obj(zero(c)?.offload_optimizer)?.ratio);
      const s = zeroStage(c);
      return ratio !== undefined && ratio < 1 && s !== undefined && s !== 3
        ? {
            path: ['zero_optimization', 'offload_optimizer', 'ratio'],
            on: 'value',
            message: `offload_optimizer.ratio ${ratio} (partial offload) needs ZeRO stage 3; stage is ${s}. DeepSpeed stops with "Partial offloading only supported for ZeRO Stage 3."`,
          }
        : undefined;
    },
  },
  {
    id: 'ds-zero3-option-below-stage3',
    dialects: ['deepspeed'],
    severity: 'warning',
    source:
      'deepspeed v0.19.5 zero/offload_config.py:22 (offload_param "Valid only with stage 3") and the stage3_* fields of zero/config.py:215-280, read only by the ZeRO-3 optimizer (zero/stage3.py)',
    check: (c) => {
      const z = zero(c);
      const s = zeroStage(c);
      if (!z || s === undefined || s === 3) return undefined;
      const key = STAGE3_ONLY.find(
        (k) =>
          z[k] !== undefined && z[k] !== null && !(k === 'offload_param' && obj(z[k])?.device === 'none'),
      );
      return key
        ? {
            path: ['zero_optimization', key],
            on: 'key',
            message: `\`${key}\` only acts under ZeRO stage 3; with stage ${s} DeepSpeed ignores it.`,
          }
        : undefined;
    },
  },
  ...(['offload_param', 'offload_optimizer'] as const).map((part): CrossFieldRule => ({
    id: `ds-${part.replace('_', '-')}-nvme-path`,
    dialects: ['deepspeed'],
    severity: 'error',
    source:
      part === 'offload_param'
        ? 'deepspeed v0.19.5 zero/partition_parameters.py:1198-1199: "nvme_path" cannot be None if remote device is nvme'
        : 'deepspeed v0.19.5 zero/stage3.py:760: os.path.join(offload_optimizer_config.nvme_path, ...) fails on None',
    check: (c) => {
      const o = obj(zero(c)?.[part]);
      return o?.device === 'nvme' && (o.nvme_path === undefined || o.nvme_path === null || o.nvme_path === '')
        ? {
            path: ['zero_optimization', part, 'device'],
            on: 'value',
            message: `\`${part}.device: nvme\` needs \`${part}.nvme_path\` (a folder on a local NVMe drive); DeepSpeed stops without it.`,
          }
        : undefined;
    },
  })),
  {
    id: 'ds-max-grad-norm-fp32',
    dialects: ['deepspeed'],
    severity: 'warning',
    source:
      'deepspeed v0.19.5 runtime/config.py:1036-1050 _do_warning_check: "In FP32 mode, DeepSpeed does not permit MAX_GRAD_NORM > 0, setting to zero"',
    check: (c) => {
      const mgn = num(obj(obj(c.optimizer)?.params)?.max_grad_norm);
      return mgn !== undefined && mgn > 0 && !enabled(c.fp16)
        ? {
            path: ['optimizer', 'params', 'max_grad_norm'],
            on: 'value',
            message: `optimizer.params.max_grad_norm ${mgn} is set to 0 by DeepSpeed outside fp16 mode (it warns); use top-level \`gradient_clipping\` instead.`,
          }
        : undefined;
    },
  },
];
