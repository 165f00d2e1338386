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

/** A template evaluated once per build: shapes do not depend on the layer index, only `when` may. */
interface Evaluated {
  kind: ModuleInfo['kind'];
  inF: number;
  outF: number;
  w: number;
  b: number;
  extra?: Partial<ModuleInfo>;
}

function evaluate<R>(t: ModTpl<R>, r: R, prefix: string): Evaluated {
  const inF = t.in(r);
  const outF = t.out(r);
  const extra: Partial<ModuleInfo> = {};
  const other = t.other?.(r);
  if (other) extra.otherParams = other;
  if (t.tie && (!t.tieWhen || t.tieWhen(r))) extra.tiedTo = t.tie.replace('{p}', prefix);
  if (t.output) extra.isOutputLayer = true;
  if (t.head) extra.isHead = true;
  const fused = t.fused?.(r);
  if (fused) extra.fusedExperts = { experts: fused };
  if (t.parameter) extra.isParameter = true;
  if (t.shape) extra.paramShape = t.shape(r);
  if (t.cls) extra.cls = t.cls;
  const ev: Evaluated = { kind: t.kind, inF, outF, w: weightOf(t, r, inF, outF), b: biasOf(t, r, outF) };
  if (Object.keys(extra).length > 0) ev.extra = extra;
  return ev;
}

function emit(
  out: ModuleInfo[],
  ev: Evaluated,
  name: string,
  layer: number,
  pattern: string | undefined,
): void {
  const m: ModuleInfo = {
    name,
    kind: ev.kind,
    inFeatures: ev.inF,
    outFeatures: ev.outF,
    weightParams: ev.w,
    biasParams: ev.b,
  };
  if (pattern !== undefined) {
    m.layerIndex = layer;
    m.layersPattern = pattern;
  }
  if (ev.extra) Object.assign(m, ev.extra);
  out.push(m);
}

function emitTpl<R>(
  out: ModuleInfo[],
  t: ModTpl<R>,
  ev: Evaluated,
  r: R,
  scope: string,
  layer = -1,
  pattern?: string,
): void {
  if (t.when && !t.when(r, layer)) return;
  if (!t.repeat) {
    // An empty name inside a layer stands for the layer module itself (Mllama's gates are its own Parameters).
    emit(out, ev, t.name === '' ? scope.replace(/\.$/, '') : scope + t.name, layer, pattern);
    return;
  }
  const n = t.repeat(r);
  const [head, tail] = t.name.split('{e}');
  for (let e = 0; e < n; e++) emit(out, ev, `${scope}${head}${e}${tail}`, layer, pattern);
}

function emitGroup<R>(out: ModuleInfo[], g: LayerGroup<R>, r: R, prefix: string): void {
  if (g.when && !g.when(r)) return;
  const pattern = g.path.slice(g.path.lastIndexOf('.') + 1);
  const evs = g.modules.map((t) => evaluate(t, r, prefix));
  const n = g.count(r);
  for (let i = 0; i < n; i++) {
    const scope = `${prefix}${g.path}.${i}.`;
    for (let k = 0; k < g.modules.length; k++) emitTpl(out, g.modules[k], evs[k], r, scope, i, pattern);
  }
}

/** All modules of backbone + head, in the order transformers registers them. */
export function expandModules<R extends BaseDims>(
  backbone: Part<R>[],
  head: HeadSpec<R>,
  r: R,
): ModuleInfo[] {
  const out: ModuleInfo[] = [];
  for (const p of backbone) {
    if (isLayerGroup(p)) emitGroup(out, p, r, head.prefix);
    else emitTpl(out, p, evaluate(p, r, head.prefix), r, head.prefix);
  }
  for (const t of head.modules ?? []) emitTpl(out, t, evaluate(t, r, head.prefix), r, '');
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
