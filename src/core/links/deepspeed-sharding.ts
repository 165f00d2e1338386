// A linked DeepSpeed file's content → the sharding the memory estimate uses (ZeRO stage and offload),
// instead of guessing from the file name. Pure: the caller reads the file and passes its text.
import type { ShardingSetting } from '../estimator-input/types';
import { zeroStage } from '../validate/rulesDeepSpeed';

/** Undefined when the text is not a JSON object or its stage is "auto"/invalid. */
export function shardingFromDeepSpeedText(text: string, linkedAs: string): ShardingSetting | undefined {
  let cfg: unknown;
  try {
    cfg = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!cfg || typeof cfg !== 'object' || Array.isArray(cfg)) return undefined;
  const c = cfg as Record<string, unknown>;
  const stage = zeroStage(c);
  if (stage === undefined || ![0, 1, 2, 3].includes(stage)) return undefined;
  const z = (
    c.zero_optimization && typeof c.zero_optimization === 'object' ? c.zero_optimization : {}
  ) as Record<string, unknown>;
  const device = (k: string): string | undefined => {
    const o = z[k];
    return o && typeof o === 'object' ? String((o as Record<string, unknown>).device ?? 'none') : undefined;
  };
  // offload_param only acts under stage 3 (offload_config.py:22); offload_optimizer under stages 1-3.
  const off = (d: string | undefined): boolean => d === 'cpu' || d === 'nvme';
  const optimizer = stage >= 1 && off(device('offload_optimizer'));
  const params = stage === 3 && off(device('offload_param'));
  const nvme = [device('offload_optimizer'), device('offload_param')].includes('nvme');
  const offloadText = [optimizer ? 'offload_optimizer' : '', params ? 'offload_param' : '']
    .filter(Boolean)
    .join(' + ');
  return {
    framework: 'deepspeed',
    stage: stage as ShardingSetting['stage'],
    setting:
      `deepspeed: ${linkedAs} (zero_optimization.stage ${stage}` +
      (offloadText ? `, ${offloadText} to ${nvme ? 'NVMe via CPU RAM' : 'CPU'}` : '') +
      ')',
    ...(optimizer || params ? { offload: true, offloadOptimizer: optimizer, offloadParams: params } : {}),
  };
}
