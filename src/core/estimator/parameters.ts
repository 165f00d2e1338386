// LoRA `target_parameters` (PEFT 0.20.0 `_inject_parameters` + lora.ParamWrapper): LoRA on an
// nn.Parameter, e.g. fused 3-D MoE expert weights; lora_A in -> r*E, lora_B r*E -> out.
import type { AuxContext } from './auxiliary';
import { flag, num, type Cfg } from './config';
import { loraRank } from './methods/lora';
import { endsWithName } from './matching';
import type { ModelTree } from './tree';
import type { ModuleInfo } from './types';
import { EstimateError } from './types';

interface ParamRef {
  key: string;
  module: string;
  info: ModuleInfo;
  ndim: number;
}

/** The parameters a module owns directly, as `named_parameters(recurse=False)` names them. */
function paramsOf(m: ModuleInfo): ParamRef[] {
  if (m.fusedExperts) {
    // A fused expert tensor is listed as its own entry: "<experts module>.<parameter>".
    return [{ key: m.name, module: m.name.slice(0, m.name.lastIndexOf('.')), info: m, ndim: 3 }];
  }
  const out: ParamRef[] = [];
  if (m.weightParams > 0)
    out.push({ key: `${m.name}.weight`, module: m.name, info: m, ndim: m.kind.endsWith('Norm') ? 1 : 2 });
  if (m.biasParams > 0) out.push({ key: `${m.name}.bias`, module: m.name, info: m, ndim: 1 });
  return out;
}

/** Every parameter name `named_parameters()` lists, as PEFT's target_parameters sees them. */
export function paramKeys(tree: ModelTree): string[] {
  const out: string[] = [];
  for (const m of tree.own.values()) for (const p of paramsOf(m)) out.push(p.key);
  return out;
}

function checkConfig(cfg: Cfg): void {
  if (num(cfg, 'lora_dropout') !== 0)
    throw new EstimateError('lora.ParamWrapper (target_parameters) does not work with lora_dropout != 0.');
  if (flag(cfg, 'lora_bias'))
    throw new EstimateError('lora.ParamWrapper (target_parameters) does not work with lora_bias=True.');
  if (flag(cfg, 'use_dora'))
    throw new EstimateError('lora.ParamWrapper (target_parameters) does not work with use_dora=True.');
}

function paramLoraParams(p: ParamRef, cfg: Cfg): number {
  if (p.ndim !== 2 && p.ndim !== 3) {
    throw new EstimateError(
      `target_parameters entry "${p.key}" is a ${p.ndim}-d parameter; LoRA only wraps 2-d and 3-d parameters.`,
    );
  }
  const experts = p.info.fusedExperts?.experts ?? 1;
  return loraRank(cfg, p.key) * experts * (p.info.inFeatures + p.info.outFeatures);
}

export function injectParameters(ctx: AuxContext, cfg: Cfg, targets: readonly string[]): void {
  checkConfig({ lora_dropout: 0, ...cfg });
  const names = [...new Set(targets)].sort();
  for (const m of ctx.tree.own.values()) {
    for (const p of paramsOf(m)) {
      if (!names.some((t) => endsWithName(p.key, t))) continue;
      if (
        ctx.adapted.has(p.module) &&
        !ctx.ledger.entries.some(
          (e) => e.module === p.module && e.what === 'adapter' && e.moduleKind === 'parameter',
        )
      ) {
        throw new EstimateError(
          `Trying to wrap an \`nn.Parameter\` of layer '${p.module}', which target_modules already wraps; it is not a valid target.`,
        );
      }
      const params = paramLoraParams(p, cfg);
      ctx.ledger.add({
        module: p.module,
        what: 'adapter',
        moduleKind: 'parameter',
        params,
        trainable: true,
        addsToTotal: true,
        layer: m.layerIndex,
      });
      ctx.adapted.add(p.module);
    }
  }
}
