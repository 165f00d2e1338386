// PEFT 0.20.0 on transformers >= 5: before anything else, `inject_adapter` (tuners/tuners_utils.py:786-803)
// calls `convert_peft_config_for_transformers` (utils/transformers_weight_conversion.py:485-506), which for
// LoRA on a MoE model whose experts transformers 5 fused rewrites the v4 module names into
// `target_parameters` on the fused 3-D expert tensors (`_convert_peft_config_moe`, same file :402-482).
import { type Cfg, num } from './config';
import { allLinearNames } from './matching';
import { paramKeys } from './parameters';
import { fullmatch } from './pyregex';
import type { ModelTree } from './tree';
import { EstimateError, type ModelInventory } from './types';

/**
 * `_MOE_TARGET_MODULE_MAPPING` (transformers_weight_conversion.py:332-345): v4 leaf name -> v5 parameter.
 * Order matters: the first old name a target ends with wins.
 */
const MAPPING: Record<string, [string, string][]> = {
  mixtral: [
    ['gate', 'gate.weight'],
    ['w1', 'gate_up_proj'],
    ['w3', 'gate_up_proj'],
    ['w2', 'down_proj'],
  ],
  qwen2_moe: [
    ['gate', 'gate.weight'],
    ['gate_proj', 'gate_up_proj'],
    ['up_proj', 'gate_up_proj'],
    ['down_proj', 'down_proj'],
  ],
};
/** `_MOE_FUSED_TARGETS` (:348-352): the v4 names fused into one v5 parameter. */
const FUSED: Record<string, Record<string, string[]>> = {
  mixtral: { gate_up_proj: ['w1', 'w3'] },
  qwen2_moe: { gate_up_proj: ['gate_proj', 'up_proj'] },
};

/**
 * model_type -> conversion pattern: transformers' `_MODEL_TO_CONVERSION_PATTERN` plus PEFT's own
 * "mixtral" entry (transformers_weight_conversion.py:44-45), for the model types modelled here.
 * qwen2_moe is left out: PEFT 0.20.0 on transformers 5.12.1 does not convert it (v4 expert names reach
 * only the shared expert; observed in ../shared/oracle/transformers, see reference/transformers-versions.md).
 */
const PATTERN_OF: Record<string, string> = {
  mixtral: 'mixtral',
  minimax_m2: 'mixtral',
  qwen3_moe: 'qwen2_moe',
  qwen3_next: 'qwen2_moe',
  deepseek_v3: 'qwen2_moe',
  deepseek_v2: 'qwen2_moe',
  glm4_moe: 'qwen2_moe',
  glm4_moe_lite: 'qwen2_moe',
};

export interface Conversion {
  /** The LoRA config as PEFT uses it after the rewrite. */
  cfg: Cfg;
  /** What the rewrite did, for the estimate's warnings. */
  note: string;
  /** target_modules entries moved to target_parameters, with the parameter each became. */
  moved: Record<string, string>;
}

/** `_resolve_string_target_modules` (:355-399): a regex or "all-linear" -> the leaf names it targets. */
function resolveString(
  target: string,
  tree: ModelTree,
  taskType: string | null,
  mapping: [string, string][],
): Set<string> {
  const olds = mapping.map(([o]) => o);
  if (target.toLowerCase() === 'all-linear') {
    return new Set([...allLinearNames(tree, taskType).map((n) => n.slice(n.lastIndexOf('.') + 1)), ...olds]);
  }
  const params = paramKeys(tree);
  const matched = new Set<string>();
  for (const key of [...tree.names, ...params])
    if (fullmatch(target, key)) matched.add(key.slice(key.lastIndexOf('.') + 1));
  const containers = new Map<string, Set<string>>();
  for (const p of params) {
    const i = p.lastIndexOf('.');
    const set = containers.get(p.slice(i + 1)) ?? new Set<string>();
    set.add(p.slice(0, i));
    containers.set(p.slice(i + 1), set);
  }
  for (const [old, neu] of mapping) {
    if (matched.has(old)) continue;
    for (const c of containers.get(neu) ?? []) {
      if (fullmatch(target, `${c}.${old}`)) {
        matched.add(old);
        break;
      }
    }
  }
  return matched;
}

function listOf(v: unknown): string[] {
  if (v === undefined || v === null) return [];
  return typeof v === 'string' ? [v] : (v as string[]);
}

/** The converted LoRA config, or null when PEFT leaves the config as it is. */
export function convertForTransformersV5(
  inv: ModelInventory,
  tree: ModelTree,
  cfg: Cfg,
  taskType: string | null,
): Conversion | null {
  if (!inv.transformers?.v5) return null;
  const pattern = PATTERN_OF[inv.modelType];
  if (!pattern) return null;
  const mapping = MAPPING[pattern];
  let targets = cfg.target_modules;
  if (typeof targets === 'string') {
    const resolved = resolveString(targets, tree, taskType, mapping);
    if (resolved.size === 0) return null; // left for PEFT's usual "not found" error
    targets = [...resolved];
  }
  const params = new Set(listOf(cfg.target_parameters));
  const remaining: string[] = [];
  const moved: Record<string, string> = {};
  const present = new Map<string, Set<string>>();
  for (const t of new Set(listOf(targets))) {
    const hit = mapping.find(([old]) => t === old || t.endsWith(`.${old}`));
    if (!hit) {
      remaining.push(t);
      continue;
    }
    params.add(hit[1]);
    moved[t] = hit[1];
    const set = present.get(hit[1]) ?? new Set<string>();
    set.add(hit[0]);
    present.set(hit[1], set);
  }
  const rankPattern = { ...((cfg.rank_pattern as Record<string, number> | null) ?? {}) };
  const alphaPattern = { ...((cfg.alpha_pattern as Record<string, number> | null) ?? {}) };
  const doubled: string[] = [];
  for (const [fused, required] of Object.entries(FUSED[pattern])) {
    const have = present.get(fused) ?? new Set<string>();
    if (have.size > 0 && have.size < required.length) {
      const missing = required
        .filter((x) => !have.has(x))
        .sort()
        .join(', ');
      throw new EstimateError(
        `PEFT 0.20.0 on transformers ${inv.transformers.version} refuses this config: "Cannot convert PEFT target(s) ${[...have].sort().join(', ')} without also targeting ${missing} because they are fused into ${fused}." (transformers 5 stores the experts' ${required.join(' and ')} as one parameter; on transformers 4.x this target is valid.)`,
      );
    }
    if (have.size === required.length && required.length > 1) {
      const key = `.*\\.${fused}`;
      rankPattern[key] = num(cfg, 'r') * required.length;
      alphaPattern[key] = num(cfg, 'lora_alpha') * required.length;
      doubled.push(`${fused} (rank ${rankPattern[key]}, alpha ${alphaPattern[key]})`);
    }
  }
  if (remaining.length === 0 && params.size === 0) {
    throw new EstimateError(
      `PEFT 0.20.0 on transformers ${inv.transformers.version} raises "No \`target_modules\` passed but also no \`target_parameters\` found": its v5 MoE conversion turns an unset target_modules into an empty set, so the "${inv.modelType}" default targets are not applied. Name the targets (e.g. ["q_proj", "v_proj"]).`,
    );
  }
  const movedNames = Object.keys(moved);
  const note =
    movedNames.length === 0
      ? ''
      : `PEFT 0.20.0 on transformers ${inv.transformers.version} moved ${movedNames.join(', ')} from target_modules to target_parameters ${[...new Set(Object.values(moved))].join(', ')} on the fused experts${doubled.length ? `; ${doubled.join(', ')} doubled as the fused pair needs` : ''} (peft utils/transformers_weight_conversion.py _convert_peft_config_moe).`;
  return {
    cfg: {
      ...cfg,
      target_modules: remaining,
      target_parameters: [...params],
      rank_pattern: rankPattern,
      alpha_pattern: alphaPattern,
    },
    note,
    moved,
  };
}
