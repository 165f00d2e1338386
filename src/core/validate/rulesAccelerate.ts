// Accelerate's own checks on an `accelerate config` file (accelerate v1.14.0, commit beb0672aa8444ea7647aee056f624effe5996346),
// as `accelerate launch --config_file FILE` applies them when no command-line flag overrides the value.
import type { CrossFieldRule } from './ruleKit';

const MULTI = [
  'MULTI_GPU',
  'MULTI_NPU',
  'MULTI_MLU',
  'MULTI_SDAA',
  'MULTI_MUSA',
  'MULTI_XPU',
  'MULTI_HPU',
  'MULTI_NEURON',
];

export const ACCELERATE_RULES: readonly CrossFieldRule[] = [
  {
    id: 'acc-distributed-type-required',
    dialects: ['accelerate'],
    severity: 'error',
    source:
      'accelerate v1.14.0 src/accelerate/commands/config/config_args.py:109-110 process_config: "A `distributed_type` must be specified in the config file."',
    check: (c) =>
      c.distributed_type === undefined
        ? {
            path: [],
            on: 'key',
            message:
              '`distributed_type` is missing; `accelerate launch` stops with "A `distributed_type` must be specified in the config file."',
          }
        : undefined,
  },
  {
    id: 'acc-num-processes-unset',
    dialects: ['accelerate'],
    severity: 'warning',
    source:
      'accelerate v1.14.0 src/accelerate/commands/launch.py:1299-1300 _validate_launch_command: "You need to manually pass in `--num_processes` using this config yaml."',
    check: (c) =>
      c.num_processes === -1
        ? {
            path: ['num_processes'],
            on: 'value',
            message:
              '`num_processes: -1` makes `accelerate launch` stop unless `--num_processes` is passed on the command line.',
          }
        : undefined,
  },
  {
    id: 'acc-multi-gpu-gpu-ids',
    dialects: ['accelerate'],
    severity: 'error',
    source:
      'accelerate v1.14.0 src/accelerate/commands/launch.py:1252-1256 _validate_launch_command: "Less than two GPU ids were configured and tried to run on on multiple GPUs."',
    check: (c) => {
      if (!MULTI.includes(String(c.distributed_type)) || typeof c.gpu_ids !== 'string' || c.gpu_ids === 'all')
        return undefined;
      const machines = typeof c.num_machines === 'number' ? c.num_machines : 1;
      return c.gpu_ids.split(',').length < 2 && machines <= 1
        ? {
            path: ['gpu_ids'],
            on: 'value',
            message: `${String(c.distributed_type)} on one machine needs at least two GPU ids (or "all"); \`accelerate launch\` stops.`,
          }
        : undefined;
    },
  },
];

/** World size as `accelerate launch` computes it: num_processes (all machines) when set, else undefined. */
export function accelerateWorldSize(c: Record<string, unknown>): number | undefined {
  return typeof c.num_processes === 'number' && c.num_processes > 0 ? c.num_processes : undefined;
}
