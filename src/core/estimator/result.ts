// Turns a ledger into the ParameterEstimate callers see: totals in PEFT's convention plus breakdowns.
import type { Entry, Ledger } from './ledger';
import { releaseBasis, transformersRelease } from './transformers-version';
import type { ModelInventory, ParameterEstimate } from './types';

const GROUP: Record<Entry['what'], (e: Entry) => string> = {
  adapter: (e) => `${e.moduleKind} adapters`,
  copy: () => 'modules_to_save copies',
  bias: () => 'biases',
  tokens: () => 'trainable tokens',
  shared: (e) => e.moduleKind,
  prompt: () => 'prompt encoder',
  base: (e) => e.moduleKind,
};

function addTo(map: Record<string, number>, key: string, n: number): void {
  map[key] = (map[key] ?? 0) + n;
}

/** Module names with layer (and expert) indices folded: model.layers.*.self_attn.q_proj. */
export function modulePattern(name: string): string {
  return name.replace(/\.\d+(?=\.|$)/g, '.*');
}

function breakdown(entries: Entry[]): ParameterEstimate['breakdown'] {
  const byKind: Record<string, number> = {};
  const byLayer: Record<string, number> = {};
  const modules = new Map<string, { names: Set<string>; params: number }>();
  for (const e of entries) {
    if (!e.trainable || e.params === 0) continue;
    addTo(byKind, GROUP[e.what](e), e.params);
    addTo(byLayer, e.layer === undefined ? 'other' : String(e.layer), e.params);
    const key = modulePattern(e.module);
    const slot = modules.get(key) ?? { names: new Set<string>(), params: 0 };
    slot.names.add(e.module);
    slot.params += e.params;
    modules.set(key, slot);
  }
  const byModule = [...modules].map(([pattern, s]) => ({ pattern, modules: s.names.size, params: s.params }));
  return { byKind, byLayer, byModule };
}

export interface ResultExtras {
  method: string;
  basis: string;
  adaptedModules: number;
  targetMatches: ParameterEstimate['targetMatches'];
  availableTargetNames: string[];
}

export function toEstimate(inv: ModelInventory, ledger: Ledger, extras: ResultExtras): ParameterEstimate {
  const trainableParams = ledger.trainable();
  const totalParams = inv.baseParams + ledger.added();
  const rel = inv.transformers ?? transformersRelease(undefined);
  const warnings = rel.note ? [...ledger.warnings, rel.note] : [...ledger.warnings];
  return {
    ...extras,
    basis: `${extras.basis}; ${releaseBasis(rel)}`,
    transformers: { version: rel.version, source: rel.source },
    trainableParams,
    totalParams,
    baseParams: inv.baseParams,
    trainablePercent: totalParams > 0 ? (100 * trainableParams) / totalParams : 0,
    breakdown: breakdown(ledger.entries),
    warnings,
  };
}
