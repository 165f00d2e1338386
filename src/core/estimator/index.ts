// Public API of the parameter estimator: a config.json and a PEFT config (or a pseudo type) in, the
// trainable and total parameter counts PEFT 0.20.0's get_nb_trainable_parameters() reports, out.
import { wrapModulesToSave } from './auxiliary';
import { bottleneckLedger } from './bottleneck';
import { injectAdapter, noHeadListError } from './inject';
import { buildInventory, InvalidConfigError, UnsupportedModelError } from './inventory';
import { Ledger } from './ledger';
import { allLinearNames, checkTarget, countEntryMatches, type TargetSpec } from './matching';
import { trainingFreezes } from './unfreeze';
import { promptLedger, PROMPT_METHODS } from './prompt';
import { bitfitLedger, freezeLedger, fullLedger } from './pseudo';
import { isPaperOnly, supportedMethods, TUNERS } from './registry';
import { replicateLayers } from './replication';
import { toEstimate, type ResultExtras } from './result';
import { buildTree, leafNames, type ModelTree } from './tree';
import { fullmatch } from './pyregex';
import {
  EstimateError,
  type EstimateOptions,
  type HfConfig,
  type ModelInventory,
  type ParameterEstimate,
  type PeftConfig,
} from './types';

export { EstimateError } from './types';
export type { EstimateOptions, ParameterEstimate, PeftConfig } from './types';
export { supportedMethods } from './registry';

export const PEFT_VERSION = '0.20.0';
// Quantization needs no rule here: get_nb_trainable_parameters multiplies a bitsandbytes Params4bit's
// packed numel by 2 x its storage itemsize, which gives back the unpacked count whenever the weight's
// element count divides by 2 x itemsize (true for every Linear in the catalog), and DeepSpeed ZeRO-3's
// ds_numel is the unsharded count. Both equal the unquantized, unsharded numbers counted here.

function inventoryFor(model: HfConfig, opts: EstimateOptions, taskType: string | null): ModelInventory {
  try {
    return buildInventory(model, {
      taskType,
      autoClass: opts.autoClass,
      numLabels: opts.numLabels,
      transformersVersion: opts.transformersVersion,
      transformersVersionSource: opts.transformersVersionSource,
    });
  } catch (e) {
    if (e instanceof UnsupportedModelError || e instanceof InvalidConfigError)
      throw new EstimateError(e.message);
    throw e;
  }
}

function peftTypeOf(peft: PeftConfig): string {
  const t = peft?.peft_type;
  if (typeof t !== 'string' || !t)
    throw new EstimateError('The PEFT config has no "peft_type" (e.g. "LORA").');
  return t.toUpperCase();
}

function targetMatches(
  tree: ModelTree,
  user: string | string[] | null,
  adapted: number,
  moved: Record<string, number>,
): ResultExtras['targetMatches'] {
  if (user === null) return [];
  if (typeof user === 'string') {
    if (user.toLowerCase() === 'all-linear' || Object.keys(moved).length)
      return [{ entry: user, matched: adapted }];
    return [{ entry: user, matched: tree.names.filter((n) => fullmatch(user, n)).length }];
  }
  // Entries PEFT moved onto fused experts (transformers 5) count the expert tensors they reach.
  return countEntryMatches(user, tree.names).map((m) =>
    m.entry in moved ? { entry: m.entry, matched: moved[m.entry] } : m,
  );
}

function available(tree: ModelTree): string[] {
  return leafNames({ ...tree, names: [...tree.own.keys()] });
}

/**
 * BOFT's butterfly factor depends on the machine: PEFT 0.20.0 tuners/boft/layer.py:282-288 resets
 * boft_n_butterfly_factor to 1 when its fbd_cuda extension cannot load (CPU-only, or the build fails).
 * The count follows `boftCudaExtension` (default true, the CUDA machine) and the note gives the other count.
 */
function boftVariants(
  peft: PeftConfig,
  opts: EstimateOptions,
): { counted: PeftConfig; other: PeftConfig; note: (other: string) => string } | null {
  const factor = Number(peft.boft_n_butterfly_factor ?? 1);
  if (!(factor > 1)) return null;
  const cpu = { ...peft, boft_n_butterfly_factor: 1 };
  if (opts.boftCudaExtension === false) {
    return {
      counted: cpu,
      other: peft,
      note: (o) =>
        `BOFT counted as without PEFT's fbd_cuda extension (boftCudaExtension: false): PEFT resets boft_n_butterfly_factor ${factor} to 1. Where the extension loads (a CUDA machine) the factor is kept: ${o} trainable.`,
    };
  }
  return {
    counted: peft,
    other: cpu,
    note: (o) =>
      `BOFT counted as on a CUDA machine where PEFT's fbd_cuda extension loads (boft_n_butterfly_factor ${factor}); without it (CPU-only, or the extension fails to build) PEFT silently resets the factor to 1: ${o} trainable (option boftCudaExtension: false).`,
  };
}

function estimateTuner(
  inv: ModelInventory,
  peft: PeftConfig,
  type: string,
  taskType: string | null,
  opts: EstimateOptions,
): ParameterEstimate {
  const method = TUNERS[type];
  const replicated =
    type === 'LORA' && peft.layer_replication ? replicateLayers(inv, peft.layer_replication) : inv;
  const tree = buildTree(replicated);
  const boft = type === 'BOFT' ? boftVariants(peft, opts) : null;
  const r = injectAdapter(replicated, tree, method, boft?.counted ?? peft, taskType);
  trainingFreezes(peft, { ledger: r.ledger, tree, peftWrapped: true, adapted: r.adapted });
  let boftNote = '';
  if (boft) {
    let other: string;
    try {
      other = injectAdapter(replicated, tree, method, boft.other, taskType)
        .ledger.trainable()
        .toLocaleString('en-US');
    } catch (e) {
      if (!(e instanceof EstimateError)) throw e;
      other = `none (PEFT raises: ${e.message})`;
    }
    boftNote = boft.note(other);
    r.ledger.warnings.push(boftNote);
  }
  const variant =
    type === 'LORA' && peft.use_dora === true
      ? ' with DoRA magnitude vectors (Liu et al. 2024, arXiv 2402.09353)'
      : '';
  const basis = isPaperOnly(type)
    ? `count from the paper: ${method.label}`
    : `PEFT ${PEFT_VERSION} rules: ${method.label}${variant}${boftNote ? `. ${boftNote}` : ''}`;
  return toEstimate(inv, r.ledger, {
    method: type,
    basis,
    adaptedModules: r.adapted.size,
    targetMatches: targetMatches(tree, r.userTargets, r.adapted.size, r.movedTargets),
    availableTargetNames: available(tree),
  });
}

/** Heads PEFT's task classes train fully (ModulesToSaveWrapper) for prompt-learning methods too. */
const TASK_HEADS: Record<string, string[]> = {
  SEQ_CLS: ['classifier', 'score'],
  TOKEN_CLS: ['classifier', 'score'],
  QUESTION_ANS: ['qa_outputs'],
};

function estimatePrompt(
  inv: ModelInventory,
  peft: PeftConfig,
  type: string,
  taskType: string | null,
): ParameterEstimate {
  const method = PROMPT_METHODS[type];
  const ledger = promptLedger(inv, method, peft, taskType);
  if (type === 'ADAPTION_PROMPT' && (taskType === 'TOKEN_CLS' || taskType === 'QUESTION_ANS'))
    throw noHeadListError(type, taskType);
  const tree = buildTree(inv);
  const user = Array.isArray(peft.modules_to_save) ? (peft.modules_to_save as string[]) : [];
  const save = [...user, ...(type === 'ADAPTION_PROMPT' ? [] : (TASK_HEADS[taskType ?? ''] ?? []))];
  if (save.length) wrapModulesToSave({ inv, tree, ledger, adapted: new Set(), wrapped: new Set() }, save);
  return toEstimate(inv, ledger, {
    method: type,
    basis: `PEFT ${PEFT_VERSION} rules: ${method.label}`,
    adaptedModules: 0,
    targetMatches: [],
    availableTargetNames: available(tree),
  });
}

const PSEUDO: Record<string, { basis: string; ledger: (inv: ModelInventory, peft: PeftConfig) => Ledger }> = {
  FULL: { basis: 'full fine-tuning: every parameter trains', ledger: fullLedger },
  FREEZE: {
    basis:
      'LLaMA-Factory freeze tuning (freeze_trainable_layers / freeze_trainable_modules / freeze_extra_modules)',
    ledger: freezeLedger,
  },
  BITFIT: {
    basis: 'BitFit (Ben Zaken et al. 2021, arXiv 2106.10199): every bias term trains',
    ledger: bitfitLedger,
  },
  BOTTLENECK: {
    basis:
      'adapter-hub/adapters bottleneck adapters (BnConfig; Houlsby arXiv 1902.00751, Pfeiffer arXiv 2005.00247, parallel arXiv 2110.04366, Compacter arXiv 2106.04647)',
    ledger: bottleneckLedger,
  },
};

/**
 * Trainable and total parameters of `model` (a config.json) under `peft` (an adapter_config.json or a
 * pseudo type), exactly as PEFT 0.20.0 counts them. Throws EstimateError where PEFT would raise.
 */
export function estimateParameters(
  model: HfConfig,
  peft: PeftConfig,
  opts: EstimateOptions = {},
): ParameterEstimate {
  if (!peft || typeof peft !== 'object')
    throw new EstimateError('The PEFT config must be an object with a "peft_type".');
  const type = peftTypeOf(peft);
  const taskType =
    opts.taskType !== undefined ? opts.taskType : typeof peft.task_type === 'string' ? peft.task_type : null;
  const inv = inventoryFor(model, opts, taskType);
  if (TUNERS[type]) return estimateTuner(inv, peft, type, taskType, opts);
  if (PROMPT_METHODS[type]) return estimatePrompt(inv, peft, type, taskType);
  const pseudo = PSEUDO[type];
  if (!pseudo)
    throw new EstimateError(
      `peft_type "${type}" is not counted by this estimator (supported: ${supportedMethods().join(', ')}).`,
    );
  const tree = buildTree(inv);
  const ledger = pseudo.ledger(inv, peft);
  trainingFreezes(peft, { ledger, tree, peftWrapped: false, adapted: new Set() });
  return toEstimate(inv, ledger, {
    method: type,
    basis: pseudo.basis,
    adaptedModules: 0,
    targetMatches: [],
    availableTargetNames: available(tree),
  });
}

/** Module names `target_modules` would hit (e.g. to preview `all-linear`), with PEFT's task-head exclusions. */
export function previewTargets(
  model: HfConfig,
  targetModules: string | string[],
  opts: EstimateOptions = {},
): string[] {
  const taskType = opts.taskType ?? null;
  const inv = inventoryFor(model, opts, taskType);
  const tree = buildTree(inv);
  const all = typeof targetModules === 'string' && targetModules.toLowerCase() === 'all-linear';
  const spec: TargetSpec = {
    targetModules: all ? allLinearNames(tree, taskType) : targetModules,
    excludeModules: null,
    modulesToSave: taskType === 'SEQ_CLS' ? ['classifier', 'score'] : null,
    layersToTransform: null,
    layersPattern: null,
    targetParameters: null,
  };
  return tree.names.filter((n) => checkTarget(spec, n) === true);
}
