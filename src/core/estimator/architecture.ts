// The table behind "ML Config: Show Model Architecture": the model's module tree with repeated layers
// collapsed into one row, and how many modules of each row the target list adapts. The analysis
// worker computes it (src/vscode/worker/queries.ts): a large model's tree and a config's target
// patterns are never built or matched on the extension host thread (issue 11).
import type { HfConfig } from './types';
import { buildInventory, type ModuleInfo } from './inventory';
import { previewTargets } from './index';

export interface ArchitectureRow {
  pattern: string;
  kind: string;
  inFeatures: number;
  outFeatures: number;
  count: number;
  params: number;
  targeted: number;
  tiedTo?: string;
}

export interface ArchitectureTable {
  baseParams: number;
  rows: ArchitectureRow[];
}

/** The collapsed module tree; `targets` (when given) marks the rows it adapts. */
export function architectureTable(
  config: HfConfig,
  targets: string | string[] | undefined,
  taskType: string | null,
): ArchitectureTable {
  const inventory = buildInventory(config, { taskType });
  const hit = new Set(targets ? previewTargets(config, targets, { taskType }) : []);
  return { baseParams: inventory.baseParams, rows: group(inventory.modules, hit) };
}

/** Collapses repeated layers: model.layers.0.self_attn.q_proj … → model.layers.*.self_attn.q_proj ×32. */
function group(modules: ModuleInfo[], hit: Set<string>): ArchitectureRow[] {
  const rows = new Map<string, ArchitectureRow>();
  for (const m of modules) {
    const pattern =
      m.layerIndex === undefined ? m.name : m.name.replace(new RegExp(`\\.${m.layerIndex}(\\.|$)`), '.*$1');
    const row = rows.get(pattern) ?? {
      pattern,
      kind: m.kind,
      inFeatures: m.inFeatures,
      outFeatures: m.outFeatures,
      count: 0,
      params: 0,
      targeted: 0,
    };
    row.count += 1;
    row.params += m.tiedTo ? 0 : m.weightParams + m.biasParams + (m.otherParams ?? 0);
    if (m.tiedTo) row.tiedTo = m.tiedTo;
    if (hit.has(m.name)) row.targeted += 1;
    rows.set(pattern, row);
  }
  return [...rows.values()];
}
