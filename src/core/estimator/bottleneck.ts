// AdapterHub bottleneck adapters (adapter-hub/adapters, `BnConfig` and presets) counted as that
// library builds them: Houlsby (arXiv 1902.00751), Pfeiffer (arXiv 2005.00247), parallel
// (He et al. 2021, arXiv 2110.04366), Compacter / Compacter++ (Mahabadi et al. 2021, arXiv 2106.04647).
import { Ledger } from './ledger';
import { EstimateError, type ModelInventory, type PeftConfig } from './types';

type Fields = Record<string, unknown>;

/** Preset configs of the adapters library (configuration/adapter_config.py). */
const PRESETS: Record<string, Fields> = {
  seq_bn: { mh_adapter: false, output_adapter: true, reduction_factor: 16 },
  double_seq_bn: { mh_adapter: true, output_adapter: true, reduction_factor: 16 },
  par_bn: { mh_adapter: false, output_adapter: true, reduction_factor: 2, is_parallel: true, scaling: 4.0 },
  scaled_par_bn: {
    mh_adapter: false,
    output_adapter: true,
    reduction_factor: 2,
    is_parallel: true,
    scaling: 'learned',
  },
  compacter: { mh_adapter: true, output_adapter: true, reduction_factor: 32, phm_layer: true },
  'compacter++': { mh_adapter: false, output_adapter: true, reduction_factor: 32, phm_layer: true },
};
const ALIASES: Record<string, string> = {
  pfeiffer: 'seq_bn',
  houlsby: 'double_seq_bn',
  parallel: 'par_bn',
  compacterplusplus: 'compacter++',
};

function resolve(peft: PeftConfig): Fields {
  const name = String(peft.preset ?? peft.architecture ?? '').toLowerCase();
  const preset = name ? PRESETS[ALIASES[name] ?? name] : undefined;
  if (name && !preset)
    throw new EstimateError(
      `Unknown bottleneck adapter preset "${name}" (known: ${Object.keys(PRESETS).join(', ')}).`,
    );
  return { phm_dim: 4, phm_rank: 1, shared_phm_rule: true, phm_bias: true, ...preset, ...peft };
}

/** Bottleneck width: int(hidden // reduction_factor); a mapping gives per-layer factors (key "default"). */
function bottleneck(hidden: number, f: Fields): number {
  const rf = f.reduction_factor;
  const factor =
    typeof rf === 'number' ? rf : typeof rf === 'object' && rf ? Number((rf as Fields).default) : NaN;
  if (!(factor > 0)) throw new EstimateError('`reduction_factor` must be a positive number.');
  const m = Math.floor(hidden / factor);
  if (m < 1)
    throw new EstimateError(`reduction_factor ${factor} leaves no bottleneck for hidden size ${hidden}.`);
  return m;
}

/** One PHM layer in -> out (rank-1 factorized W, n = phm_dim): rank (in + out) + out bias, + n³ if not shared. */
function phmLayer(i: number, o: number, f: Fields): number {
  const n = Number(f.phm_dim);
  if (i % n !== 0 || o % n !== 0)
    throw new EstimateError(`phm_dim ${n} must divide the adapter sizes ${i} and ${o}.`);
  const rule = f.shared_phm_rule === false ? n ** 3 : 0;
  return Number(f.phm_rank) * (i + o) + (f.phm_bias === false ? 0 : o) + rule;
}

/** One adapter module: down h->m and up m->h, plus optional layer norms, learned scaling and gate. */
function adapterParams(h: number, f: Fields): number {
  const m = bottleneck(h, f);
  let p = f.phm_layer === true ? phmLayer(h, m, f) + phmLayer(m, h, f) : h * m + m + m * h + h;
  if (f.ln_before === true) p += 2 * h;
  if (f.ln_after === true) p += 2 * h;
  if (f.scaling === 'learned') p += 1;
  if (f.scaling === 'channel') p += h;
  if (f.use_gating === true) p += h + 1;
  return p;
}

/** Transformer layers the adapters go into: every numbered layer of every stack (encoder and decoder). */
function transformerLayers(inv: ModelInventory): { stack: string; index: number }[] {
  const seen = new Map<string, { stack: string; index: number }>();
  for (const m of inv.modules) {
    if (m.layerIndex === undefined || !m.layersPattern) continue;
    const at = `.${m.name}`.indexOf(`.${m.layersPattern}.${m.layerIndex}.`);
    const stack = m.name.slice(0, Math.max(0, at)) + m.layersPattern;
    seen.set(`${stack}.${m.layerIndex}`, { stack, index: m.layerIndex });
  }
  return [...seen.values()];
}

export function bottleneckLedger(inv: ModelInventory, peft: PeftConfig): Ledger {
  const f = resolve(peft);
  const perLayer = (f.mh_adapter === true ? 1 : 0) + (f.output_adapter === true ? 1 : 0);
  if (perLayer === 0)
    throw new EstimateError('A bottleneck adapter needs mh_adapter or output_adapter set to true.');
  const leaveOut = new Set(Array.isArray(f.leave_out) ? (f.leave_out as number[]) : []);
  const ledger = new Ledger();
  const size = adapterParams(inv.dims.hiddenSize, f);
  for (const { stack, index } of transformerLayers(inv)) {
    if (leaveOut.has(index)) continue;
    ledger.add({
      module: `${stack}.${index}.adapters`,
      what: 'adapter',
      moduleKind: 'bottleneck adapter',
      params: perLayer * size,
      trainable: true,
      addsToTotal: true,
      layer: index,
    });
  }
  if (f.phm_layer === true && f.shared_phm_rule !== false) {
    ledger.add({
      module: 'shared',
      what: 'shared',
      moduleKind: 'shared PHM rule',
      params: Number(f.phm_dim) ** 3,
      trainable: true,
      addsToTotal: true,
    });
  }
  if (f.inv_adapter) ledger.warnings.push('Invertible adapters (inv_adapter) are not counted.');
  return ledger;
}
