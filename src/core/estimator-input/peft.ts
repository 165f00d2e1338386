// PEFT adapter_config.json (or the same fields in YAML) and AdapterHub adapter configs. PEFT configs
// pass through as they are; AdapterHub bottleneck configs become the pseudo type BOTTLENECK with
// their own fields, which the estimator counts after adapter-hub/adapters (formulas.md §2.2).
import { isObj, type Obj, str } from './fields';
import { DialectMappingError, type EstimatorInput, type PeftConfig } from './types';

export function mapPeft(cfg: Obj): EstimatorInput {
  const type = str(cfg.peft_type);
  if (!type) throw new DialectMappingError('PEFT config has no peft_type');
  const taskType = str(cfg.task_type) ?? null;
  return {
    dialect: 'peft',
    modelRef: str(cfg.base_model_name_or_path),
    peft: { ...cfg, peft_type: type.toUpperCase() } as PeftConfig,
    taskType,
    training: {},
    notes: [],
  };
}

/** Saved AdapterHub configs nest the method under `config` beside `model_name`. */
export function mapAdapterHub(cfg: Obj): EstimatorInput {
  const inner = isObj(cfg.config) ? cfg.config : cfg;
  const arch = str(inner.architecture);
  if (arch && arch !== 'bottleneck') {
    throw new DialectMappingError(
      `AdapterHub architecture '${arch}' is not mapped (bottleneck adapters are)`,
    );
  }
  return {
    dialect: 'adapterhub',
    modelRef: str(cfg.model_name),
    peft: { ...inner, peft_type: 'BOTTLENECK' },
    taskType: null,
    training: {},
    notes: [],
  };
}
