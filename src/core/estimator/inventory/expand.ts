// The one generic expander: family table + head + resolved dims -> modules in registration order.
import type { BaseDims, HeadSpec, LayerGroup, ModTpl, ModuleInfo, Part } from './types';
import { isLayerGroup } from './types';

const NORMS = new Set(['LayerNorm', 'RMSNorm']);

function weightOf<R>(t: ModTpl<R>, r: R, inF: number, outF: number): number {
  if (t.weight) return t.weight(r);
  if (NORMS.has(t.kind)) return inF;
  return inF * outF;
}

function biasOf<R>(t: ModTpl<R>, r: R, outF: number): number {
  if (t.biasCount) return t.biasCount(r);
  const has = typeof t.bias === 'function' ? t.bias(r) : t.bias === true;
  return has ? outF : 0;
}

function emit<R>(out: ModuleInfo[], t: ModTpl<R>, r: R, name: string, prefix: string, layer?: [number, string]): void {
  const inF = t.in(r);
  const outF = t.out(r);
  const m: ModuleInfo = { name, kind: t.kind, inFeatures: inF, outFeatures: outF,
    weightParams: weightOf(t, r, inF, outF), biasParams: biasOf(t, r, outF) };
  const other = t.other?.(r);
  if (other) m.otherParams = other;
  if (layer) { m.layerIndex = layer[0]; m.layersPattern = layer[1]; }
  if (t.tie && (!t.tieWhen || t.tieWhen(r))) m.tiedTo = t.tie.replace('{p}', prefix);
  if (t.output) m.isOutputLayer = true;
  if (t.head) m.isHead = true;
  const fused = t.fused?.(r);
  if (fused) m.fusedExperts = { experts: fused };
  if (t.parameter) m.isParameter = true;
  if (t.shape) m.paramShape = t.shape(r);
  out.push(m);
}

function emitTpl<R>(out: ModuleInfo[], t: ModTpl<R>, r: R, scope: string, prefix: string, layer?: [number, string]): void {
  if (t.when && !t.when(r, layer ? layer[0] : -1)) return;
  if (!t.repeat) { emit(out, t, r, scope + t.name, prefix, layer); return; }
  const n = t.repeat(r);
  for (let e = 0; e < n; e++) emit(out, t, r, scope + t.name.replace('{e}', String(e)), prefix, layer);
}

function emitGroup<R>(out: ModuleInfo[], g: LayerGroup<R>, r: R, prefix: string): void {
  if (g.when && !g.when(r)) return;
  const pattern = g.path.slice(g.path.lastIndexOf('.') + 1);
  const n = g.count(r);
  for (let i = 0; i < n; i++) {
    const scope = `${prefix}${g.path}.${i}.`;
    for (const t of g.modules) emitTpl(out, t, r, scope, prefix, [i, pattern]);
  }
}

/** All modules of backbone + head, in the order transformers registers them. */
export function expandModules<R extends BaseDims>(backbone: Part<R>[], head: HeadSpec<R>, r: R): ModuleInfo[] {
  const out: ModuleInfo[] = [];
  for (const p of backbone) {
    if (isLayerGroup(p)) emitGroup(out, p, r, head.prefix);
    else emitTpl(out, p, r, head.prefix, head.prefix);
  }
  for (const t of head.modules ?? []) emitTpl(out, t, r, '', head.prefix);
  return out;
}

/** Unique parameter count: a tied module's weight belongs to the module it is tied to. */
export function countParams(modules: readonly ModuleInfo[]): number {
  let total = 0;
  for (const m of modules) {
    total += (m.tiedTo ? 0 : m.weightParams) + m.biasParams + (m.otherParams ?? 0);
  }
  return total;
}
