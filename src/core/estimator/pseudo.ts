// Training setups that are not PEFT adapters: full fine-tuning, LLaMA-Factory's `freeze` tuning
// (src/llamafactory/model/adapter.py `_setup_freeze_tuning`) and BitFit (Ben Zaken et al. 2021,
// arXiv 2106.10199). They unfreeze base weights, so the total stays the base count.
import { Ledger } from './ledger';
import { EstimateError, type ModelInventory, type ModuleInfo, type PeftConfig } from './types';

interface NamedParam {
  name: string;
  module: ModuleInfo;
  size: number;
}

/** Parameter names as `named_parameters()` lists them (a tied weight appears once, under its owner). */
function namedParams(inv: ModelInventory): NamedParam[] {
  const out: NamedParam[] = [];
  for (const m of inv.modules) {
    if (m.weightParams && !m.tiedTo) out.push({ name: `${m.name}.weight`, module: m, size: m.weightParams });
    if (m.biasParams) out.push({ name: `${m.name}.bias`, module: m, size: m.biasParams });
    if (m.otherParams) out.push({ name: `${m.name}.other`, module: m, size: m.otherParams });
  }
  return out;
}

function unfreeze(ledger: Ledger, params: NamedParam[]): Ledger {
  for (const p of params) {
    ledger.add({
      module: p.module.name,
      what: 'base',
      moduleKind: p.module.kind,
      params: p.size,
      trainable: true,
      addsToTotal: false,
      layer: p.module.layerIndex,
      param: p.name,
    });
  }
  return ledger;
}

/** Every parameter trains, except those whose name contains one of `frozen_substrings` (LLaMA-Factory's VLM switches). */
export function fullLedger(inv: ModelInventory, peft: PeftConfig = {}): Ledger {
  const frozen = stringList(peft.frozen_substrings, [], 'frozen_substrings');
  const params = namedParams(inv);
  return unfreeze(
    new Ledger(),
    frozen.length ? params.filter((p) => !frozen.some((s) => p.name.includes(s))) : params,
  );
}

export function bitfitLedger(inv: ModelInventory): Ledger {
  return unfreeze(
    new Ledger(),
    namedParams(inv).filter((p) => p.name.endsWith('.bias')),
  );
}

function stringList(v: unknown, dflt: string[], field: string): string[] {
  if (v === undefined || v === null) return dflt;
  if (typeof v === 'string')
    return v
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
  if (Array.isArray(v) && v.every((x) => typeof x === 'string')) return v;
  throw new EstimateError(`\`${field}\` must be a module name or a list of module names.`);
}

function layerIds(n: number, numLayers: number): number[] {
  const ids: number[] = [];
  if (n > 0) for (let i = Math.max(0, numLayers - n); i < numLayers; i++) ids.push(i);
  else for (let i = 0; i < Math.min(-n, numLayers); i++) ids.push(i);
  return ids;
}

/** LLaMA-Factory freeze tuning: substrings ".{i}." / ".{i}.{module}" and extra module names select parameters. */
export function freezeLedger(inv: ModelInventory, peft: PeftConfig): Ledger {
  const n = peft.freeze_trainable_layers ?? 2;
  if (typeof n !== 'number' || !Number.isInteger(n))
    throw new EstimateError('`freeze_trainable_layers` must be a whole number.');
  const params = namedParams(inv);
  const hidden = new Set<string>();
  const nonHidden = new Set<string>();
  for (const { name } of params) {
    if (name.includes('.0.')) hidden.add(name.split('.0.').pop()!.split('.')[0]);
    else if (name.includes('.1.')) hidden.add(name.split('.1.').pop()!.split('.')[0]);
    if (!/\.\d+\./.test(name)) nonHidden.add(name.split('.').slice(-2)[0]);
  }
  const selectors: string[] = [];
  for (const mod of stringList(peft.freeze_trainable_modules, ['all'], 'freeze_trainable_modules')) {
    if (mod !== 'all' && !hidden.has(mod))
      throw new EstimateError(`Module ${mod} is not found, please choose from ${[...hidden].join(', ')}.`);
    for (const i of layerIds(n, inv.dims.numLayers)) selectors.push(`.${i}.${mod === 'all' ? '' : mod}`);
  }
  for (const mod of stringList(peft.freeze_extra_modules, [], 'freeze_extra_modules')) {
    if (!nonHidden.has(mod))
      throw new EstimateError(`Module ${mod} is not found, please choose from ${[...nonHidden].join(', ')}.`);
    selectors.push(mod);
  }
  return unfreeze(
    new Ledger(),
    params.filter((p) => selectors.some((s) => p.name.includes(s))),
  );
}
