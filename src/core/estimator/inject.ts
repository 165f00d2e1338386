// PEFT 0.20.0's `BaseTuner.inject_adapter` for every module-wrapping tuner: resolve the config, walk
// `named_modules()`, wrap what matches, mark biases, then add modules_to_save copies and token deltas.
import { inputEmbeddingName, tiedWithEmbedding, wrapModulesToSave, type AuxContext } from './auxiliary';
import { convertForTransformersV5 } from './convert-v5';
import { flag, intOrList, nameList, targetField, text, withDefaults, type Cfg } from './config';
import { Ledger } from './ledger';
import { allLinearNames, checkTarget, endsWithName, type TargetSpec } from './matching';
import type { TunerMethod } from './method';
import { checkMambaTarget } from './mamba-targets';
import { injectParameters } from './parameters';
import { applyTrainableTokens } from './tokens';
import { planTying, type TiePlan } from './tying';
import { ownParams, subtree, type ModelTree } from './tree';
import { EstimateError, type ModelInventory } from './types';

export interface InjectResult {
  ledger: Ledger;
  spec: TargetSpec;
  adapted: Set<string>;
  /** target_modules as the user wrote it (list entries get match counts). */
  userTargets: string | string[] | null;
  /** Entries PEFT's transformers-v5 conversion moved to target_parameters, with how many tensors each reaches. */
  movedTargets: Record<string, number>;
}

/** Heads PEFT's task classes add to modules_to_save before injection: only SEQ_CLS (peft_model.py 0.20.0). */
const HEADS_BEFORE: Record<string, string[]> = { SEQ_CLS: ['classifier', 'score'] };
/**
 * TOKEN_CLS and QUESTION_ANS add their heads only after `super().__init__` has injected the adapter, so
 * the head is not shielded from targeting: `all-linear` wraps it and the later ModulesToSaveWrapper raises.
 */
const HEADS_AFTER: Record<string, string[]> = {
  TOKEN_CLS: ['classifier', 'score'],
  QUESTION_ANS: ['qa_outputs'],
};

function validateCommon(method: TunerMethod, cfg: Cfg): void {
  const target = cfg.target_modules;
  if (method.strTargetRejectsLayers && typeof target === 'string') {
    if (cfg.layers_to_transform !== undefined && cfg.layers_to_transform !== null) {
      throw new EstimateError('`layers_to_transform` cannot be used when `target_modules` is a str.');
    }
    if (cfg.layers_pattern !== undefined && cfg.layers_pattern !== null) {
      throw new EstimateError('`layers_pattern` cannot be used when `target_modules` is a str.');
    }
  }
  const pattern = cfg.layers_pattern;
  const layers = cfg.layers_to_transform;
  // Python truthiness: None, [] and 0 all count as "not specified" here.
  const emptyLayers =
    layers === undefined || layers === null || layers === 0 || (Array.isArray(layers) && layers.length === 0);
  const patternGiven =
    Array.isArray(pattern) || typeof pattern === 'string' ? pattern.length > 0 : Boolean(pattern);
  if (patternGiven && emptyLayers) {
    throw new EstimateError(
      'When `layers_pattern` is specified, `layers_to_transform` must also be specified.',
    );
  }
  method.validate?.(cfg);
}

function defaultTargets(method: TunerMethod, inv: ModelInventory, cfg: Cfg): string | string[] | null {
  if (method.peftType === 'TRAINABLE_TOKENS') return inputEmbeddingName(inv) ?? 'embed_tokens';
  if (method.defaultTargets) return method.defaultTargets(inv);
  const dflt = method.targets?.[inv.modelType];
  if (dflt !== undefined) return typeof dflt === 'string' ? dflt : [...dflt];
  if (method.peftType === 'LORA') {
    if (Array.isArray(cfg.target_parameters) && cfg.target_parameters.length) return null;
    throw new EstimateError(
      `Please specify \`target_modules\` or \`target_parameters\` in \`peft_config\`: PEFT has no default targets for model_type "${inv.modelType}".`,
    );
  }
  throw new EstimateError(
    `Please specify \`target_modules\` in \`peft_config\`: PEFT has no default ${method.peftType} targets for model_type "${inv.modelType}".`,
  );
}

function resolveSpec(
  method: TunerMethod,
  inv: ModelInventory,
  tree: ModelTree,
  cfg: Cfg,
  taskType: string | null,
  warnings: string[],
): [TargetSpec, TiePlan] {
  const userSave = nameList(cfg, 'modules_to_save');
  const heads = method.noModulesToSave ? undefined : HEADS_BEFORE[taskType ?? ''];
  let plan: TiePlan = {
    modulesToSave: heads ? [...(userSave ?? []), ...heads] : userSave,
    targetModules: targetField(cfg, 'target_modules'),
    targetsToTie: [],
    modulesToTie: [],
  };
  if (method.peftType === 'LORA') plan = planTying(inv, plan, flag(cfg, 'ensure_weight_tying'), warnings);
  let targets: TargetSpec['targetModules'] = plan.targetModules ?? defaultTargets(method, inv, cfg);
  if (typeof targets === 'string' && targets.toLowerCase() === 'all-linear')
    targets = allLinearNames(tree, taskType);
  const spec: TargetSpec = {
    targetModules: targets,
    excludeModules: targetField(cfg, 'exclude_modules'),
    modulesToSave: plan.modulesToSave,
    layersToTransform: intOrList(cfg, 'layers_to_transform'),
    layersPattern: targetField(cfg, 'layers_pattern'),
    targetParameters: nameList(cfg, 'target_parameters'),
  };
  return [spec, plan];
}

function wrapOne(ctx: AuxContext, method: TunerMethod, cfg: Cfg, key: string): void {
  checkMambaTarget(method.peftType, ctx.inv.modelType, key);
  const m = ctx.tree.own.get(key);
  if (method.copiesModule) {
    const params = subtree(ctx.tree, key).reduce((s, x) => s + ownParams(x), 0);
    ctx.ledger.add({
      module: key,
      what: 'copy',
      moduleKind: m?.kind ?? 'container',
      params,
      trainable: true,
      addsToTotal: true,
      layer: m?.layerIndex,
    });
  } else {
    if (!m || ctx.tree.containers.has(key)) {
      throw new EstimateError(
        `Target module "${key}" is a container, not a layer ${method.peftType} can wrap; name its Linear children instead.`,
      );
    }
    const p = method.layer(m, cfg, key);
    // One literal per entry, not spreads of a shared base: MoE trees on transformers 4.x wrap tens of thousands.
    const { kind, layerIndex } = m;
    const entry = (params: number, trainable: boolean) =>
      ({
        module: key,
        what: 'adapter',
        moduleKind: kind,
        addsToTotal: true,
        layer: layerIndex,
        params,
        trainable,
      }) as const;
    ctx.ledger.add(entry(p.trainable, true));
    ctx.ledger.add(entry(p.frozen, false));
  }
  ctx.adapted.add(key);
}

function walk(
  ctx: AuxContext,
  method: TunerMethod,
  cfg: Cfg,
  spec: TargetSpec,
  plan: TiePlan,
): { excluded: number; unmatched: number } {
  let excluded = 0;
  let unmatched = 0;
  const deferred: string[] = [];
  for (const key of ctx.tree.names) {
    // named_modules() never yields a fused expert tensor (a parameter), so no target_modules entry reaches it.
    if (ctx.tree.own.get(key)?.isParameter) continue;
    const result = checkTarget(spec, key);
    if (plan.targetsToTie.some((t) => endsWithName(key, t))) deferred.push(key);
    else if (result === 'excluded') excluded++;
    else if (!result) unmatched++;
    else wrapOne(ctx, method, cfg, key);
  }
  if (spec.targetParameters?.length) injectParameters(ctx, cfg, spec.targetParameters);
  for (const key of deferred) wrapOne(ctx, method, cfg, key);
  return { excluded, unmatched };
}

function noTargetError(spec: TargetSpec, excluded: number, unmatched: number): EstimateError {
  if (excluded && !unmatched)
    return new EstimateError(
      'All modules were excluded. Check your `target_modules`, `exclude_modules` and `modules_to_save` configuration.',
    );
  const where =
    spec.layersToTransform !== null
      ? ` (with layers_to_transform ${JSON.stringify(spec.layersToTransform)}${spec.layersPattern ? ` and layers_pattern ${JSON.stringify(spec.layersPattern)}` : ''})`
      : '';
  if (!excluded)
    return new EstimateError(
      `Target modules ${JSON.stringify(spec.targetModules)} not found in the base model${where}. Please check the target modules and try again.`,
    );
  return new EstimateError(
    `No modules were targeted for adaptation${where}: the targets that matched are excluded or in modules_to_save.`,
  );
}

function markBiases(ctx: AuxContext, cfg: Cfg): void {
  const bias = text(cfg, 'bias') ?? 'none';
  if (bias === 'none') return;
  if (bias !== 'all' && !bias.endsWith('_only'))
    throw new EstimateError(`Requested bias: ${bias}, is not implemented.`);
  for (const m of ctx.tree.own.values()) {
    const n =
      bias === 'all'
        ? m.name.includes('bias')
          ? ownParams(m)
          : m.biasParams
        : ctx.adapted.has(m.name)
          ? m.biasParams
          : 0;
    ctx.ledger.add({
      module: m.name,
      what: 'bias',
      moduleKind: m.kind,
      params: n,
      trainable: true,
      addsToTotal: false,
      layer: m.layerIndex,
    });
  }
}

/** TRAINABLE_TOKENS on a tied model: the tied layers reuse the embedding's delta (no new parameters). */
function tieTrainableTokens(ctx: AuxContext): void {
  const embedding = inputEmbeddingName(ctx.inv);
  if (!ctx.inv.dims.tieWordEmbeddings || !embedding || !ctx.adapted.has(embedding)) return;
  for (const t of tiedWithEmbedding(ctx.inv)) {
    if (ctx.adapted.has(t)) ctx.ledger.freezeWithin(t).forEach((e) => (e.params = 0));
    ctx.adapted.add(t);
  }
}

/**
 * TOKEN_CLS / QUESTION_ANS iterate `self.modules_to_save` after injection without a guard; for a config
 * class with no `modules_to_save` field (TRAINABLE_TOKENS, ADAPTION_PROMPT) it is None and PEFT raises.
 */
export function noHeadListError(peftType: string, taskType: string): EstimateError {
  return new EstimateError(
    `${peftType} cannot be used with task_type ${taskType}: its config has no modules_to_save, and PEFT 0.20.0's task class raises TypeError ('NoneType' object is not iterable) when it looks for the head.`,
  );
}

/** Plain Linear modules (a dense first-layer MLP, shared experts) that carried a moved name and lose their LoRA. */
function lostModules(tree: ModelTree, moved: Record<string, string>): string[] {
  const olds = Object.keys(moved);
  return [...tree.own.values()]
    .filter((m) => m.kind === 'Linear' && olds.some((o) => m.name === o || m.name.endsWith(`.${o}`)))
    .map((m) => m.name);
}

export function injectAdapter(
  inv: ModelInventory,
  tree: ModelTree,
  method: TunerMethod,
  peft: Record<string, unknown>,
  taskType: string | null,
): InjectResult {
  const given = withDefaults(peft, method.defaults);
  validateCommon(method, given);
  const ledger = new Ledger();
  const conversion = method.peftType === 'LORA' ? convertForTransformersV5(inv, tree, given, taskType) : null;
  const cfg = conversion?.cfg ?? given;
  if (conversion?.note) ledger.warnings.push(conversion.note);
  const lost = conversion ? lostModules(tree, conversion.moved) : [];
  if (lost.length)
    ledger.warnings.push(
      `${lost.length} Linear module(s) outside the fused experts (${lost.slice(0, 3).join(', ')}${lost.length > 3 ? ', ...' : ''}) lose their LoRA in that conversion.`,
    );
  const [spec, plan] = resolveSpec(method, inv, tree, cfg, taskType, ledger.warnings);
  method.prepare?.(cfg, inv.modelType);
  const ctx: AuxContext = { inv, tree, ledger, adapted: new Set(), wrapped: new Set() };
  const { excluded, unmatched } = walk(ctx, method, cfg, spec, plan);
  if (ctx.adapted.size === 0) throw noTargetError(spec, excluded, unmatched);
  if (spec.targetParameters?.length && !ledger.entries.some((e) => e.moduleKind === 'parameter')) {
    // PEFT 0.20.0 tuners/tuners_utils.py:1042-1046 warns and goes on (e.g. fused-expert names on 4.x).
    ledger.warnings.push(
      `target_parameters=${JSON.stringify(spec.targetParameters)} were set but no parameter was matched: PEFT trains nothing for them.`,
    );
  }
  if (spec.excludeModules && spec.excludeModules.length > 0 && excluded === 0) {
    ledger.warnings.push(
      `exclude_modules=${JSON.stringify(spec.excludeModules)} excluded no module; check its spelling.`,
    );
  }
  const shared = method.shared?.(cfg) ?? 0;
  ledger.add({
    module: 'shared',
    what: 'shared',
    moduleKind: 'shared bank',
    params: shared,
    trainable: true,
    addsToTotal: true,
  });
  if (method.peftType === 'TRAINABLE_TOKENS') tieTrainableTokens(ctx);
  markBiases(ctx, cfg);
  if (method.noModulesToSave && HEADS_AFTER[taskType ?? ''])
    throw noHeadListError(method.peftType, taskType ?? '');
  const after = method.noModulesToSave ? [] : (HEADS_AFTER[taskType ?? ''] ?? []);
  const save = [...(spec.modulesToSave ?? []), ...after];
  if (save.length) wrapModulesToSave(ctx, save);
  if (plan.modulesToTie.length) wrapModulesToSave(ctx, plan.modulesToTie, true);
  applyTrainableTokens(ctx, cfg, spec.modulesToSave ?? []);
  const movedTargets: Record<string, number> = {};
  for (const [old, param] of Object.entries(conversion?.moved ?? {})) {
    const leaf = `.${param.replace(/\.weight$/, '')}`;
    movedTargets[old] = [...ctx.tree.own.keys()].filter((k) => k.endsWith(leaf)).length;
  }
  return {
    ledger,
    spec,
    adapted: ctx.adapted,
    userTargets: targetField(given, 'target_modules'),
    movedTargets,
  };
}
