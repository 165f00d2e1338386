// PEFT LoraConfig / AdaLoraConfig checks (src/peft/tuners/lora/config.py, adalora/config.py at the
// schema's commit 5d602fd). AdaLoraConfig subclasses LoraConfig and runs its __post_init__ first.
// Each rule is listed with its file:line in src/core/validate/ledger/peft.json.
import type { CrossFieldRule } from './ruleKit';
import { has } from './ruleKit';
import {
  firstBad,
  hit,
  LAYERS_PATTERN_TYPES,
  num,
  peftRule,
  REGEX_LAYERS_TYPES,
  REGEX_PATTERN_TYPES,
  sub,
  truthy,
} from './peftKit';

const LORA = ['LORA', 'ADALORA'];
const LORA_PY = 'tuners/lora/config.py LoraConfig.__post_init__';
const ADA_PY = 'tuners/adalora/config.py AdaLoraConfig.__post_init__';

/** Which branch of LoraConfig's init_lora_weights / sub-config elif chain fires (lora/config.py:1035-1059). */
function initBranch(init: unknown, c: Record<string, unknown>): string | undefined {
  if (init === 'loftq') return undefined;
  if (truthy(c.loftq_config)) return 'loftq-ignored';
  const eva = c.eva_config !== undefined && c.eva_config !== null;
  if (init === 'eva' && !eva) return 'eva-default';
  if (init !== 'eva' && eva) return 'eva-ignored';
  const corda = c.corda_config !== undefined && c.corda_config !== null;
  if (init === 'corda' && !corda) return 'corda-default';
  if (init !== 'corda' && corda) return 'corda-ignored';
  return undefined;
}

const initRule = (
  id: string,
  branch: string,
  message: string,
  key: (init: unknown) => string,
): CrossFieldRule =>
  peftRule(id, LORA, 'warning', LORA_PY, (c, get) => {
    const init = get('init_lora_weights');
    return initBranch(init, c) === branch ? hit([key(init)], 'key', message) : undefined;
  });

export const PEFT_LORA_RULES: readonly CrossFieldRule[] = [
  peftRule(
    'layers-pattern-needs-layers-to-transform',
    LAYERS_PATTERN_TYPES,
    'error',
    `${LORA_PY} (and the other tuners' configs)`,
    (c) =>
      truthy(c.layers_pattern) && (c.layers_to_transform === undefined || c.layers_to_transform === null)
        ? hit(
            ['layers_pattern'],
            'value',
            '`layers_pattern` only works together with `layers_to_transform`; PEFT raises "When `layers_pattern` is specified, `layers_to_transform` must also be specified."',
          )
        : undefined,
  ),
  peftRule('layers-to-transform-with-regex-targets', REGEX_LAYERS_TYPES, 'error', LORA_PY, (c) =>
    typeof c.target_modules === 'string' &&
    c.layers_to_transform !== undefined &&
    c.layers_to_transform !== null
      ? hit(
          ['layers_to_transform'],
          'key',
          '`layers_to_transform` cannot be used when `target_modules` is a string (a regex); PEFT raises. List the module names instead.',
        )
      : undefined,
  ),
  peftRule('peft-regex-target-with-layers-pattern', REGEX_PATTERN_TYPES, 'error', LORA_PY, (c) =>
    typeof c.target_modules === 'string' && c.layers_pattern !== undefined && c.layers_pattern !== null
      ? hit(
          ['layers_pattern'],
          'key',
          '`layers_pattern` cannot be used when `target_modules` is a string (a regex); PEFT raises.',
        )
      : undefined,
  ),
  peftRule(
    'peft-velora-config-values',
    LORA,
    'error',
    'tuners/lora/config.py VeloraConfig.__post_init__',
    (c) => {
      const v = sub(c.velora_config);
      if (!v) return undefined;
      if (
        typeof v.init_type === 'string' &&
        !['batch_average_once', 'batch_average', 'random'].includes(v.init_type)
      ) {
        return hit(
          ['velora_config', 'init_type'],
          'value',
          `VeLoRA \`init_type\` must be batch_average_once, batch_average or random; PEFT raises "Unsupported \`init_type\` '${v.init_type}'".`,
        );
      }
      return firstBad(
        v,
        ['velora_config'],
        [
          [
            'num_groups',
            (n) => n <= 0,
            '`velora_config.num_groups` must be positive; PEFT raises "`num_groups` should be positive".',
          ],
          [
            'scale',
            (n) => n <= 0,
            '`velora_config.scale` must be positive; PEFT raises "`scale` should be positive".',
          ],
        ],
      );
    },
  ),
  peftRule(
    'peft-kasa-config-values',
    LORA,
    'error',
    'tuners/lora/config.py KasaConfig.__post_init__',
    (c) => {
      const v = sub(c.kasa_config);
      return v
        ? firstBad(
            v,
            ['kasa_config'],
            [
              ['beta', (n) => n < 0, '`kasa_config.beta` must be non-negative; PEFT raises.'],
              ['gamma', (n) => n < 0, '`kasa_config.gamma` must be non-negative; PEFT raises.'],
            ],
          )
        : undefined;
    },
  ),
  peftRule(
    'peft-monteclora-config-values',
    LORA,
    'error',
    'tuners/lora/config.py MontecloraConfig.__post_init__',
    (c) => {
      const v = sub(c.monteclora_config);
      return v
        ? firstBad(
            v,
            ['monteclora_config'],
            [
              [
                'num_samples',
                (n) => n <= 0,
                '`monteclora_config.num_samples` must be greater than 0; PEFT raises.',
              ],
              [
                'dirichlet_prior',
                (n) => n <= 0,
                '`monteclora_config.dirichlet_prior` must be greater than 0; PEFT raises.',
              ],
              [
                'buffer_size',
                (n) => n <= 0,
                '`monteclora_config.buffer_size` must be greater than 0; PEFT raises.',
              ],
            ],
          )
        : undefined;
    },
  ),
  peftRule(
    'peft-bdlora-overlap',
    LORA,
    'error',
    'tuners/lora/config.py BdLoraConfig.__post_init__ (built from the dict in lora/variants.py when the layers are created)',
    (c) => {
      const v = sub(c.use_bdlora);
      const a = Array.isArray(v?.target_modules_bd_a) ? v.target_modules_bd_a.map(String) : [];
      const b = Array.isArray(v?.target_modules_bd_b) ? v.target_modules_bd_b.map(String) : [];
      const both = a.filter((m) => b.includes(m));
      return both.length
        ? hit(
            ['use_bdlora', 'target_modules_bd_b'],
            'key',
            `${both.join(', ')} ${both.length === 1 ? 'is' : 'are'} listed in both \`target_modules_bd_a\` and \`target_modules_bd_b\`; PEFT raises "Found overlapping modules in target_modules_bd lists".`,
          )
        : undefined;
    },
  ),
  initRule(
    'peft-eva-config-default',
    'eva-default',
    '`init_lora_weights: eva` without `eva_config`: PEFT warns and uses the default EvaConfig (rho 2.0, tau 0.99).',
    () => 'init_lora_weights',
  ),
  initRule(
    'peft-eva-config-ignored',
    'eva-ignored',
    '`eva_config` is ignored because `init_lora_weights` is not "eva" (PEFT warns).',
    () => 'eva_config',
  ),
  initRule(
    'peft-corda-config-default',
    'corda-default',
    '`init_lora_weights: corda` without `corda_config`: PEFT warns and uses the default CordaConfig.',
    () => 'init_lora_weights',
  ),
  initRule(
    'peft-corda-config-ignored',
    'corda-ignored',
    '`corda_config` is ignored because `init_lora_weights` is not "corda" (PEFT warns).',
    () => 'corda_config',
  ),
  peftRule('peft-lora-bias-init', LORA, 'error', LORA_PY, (c, get) => {
    const init = get('init_lora_weights');
    return truthy(c.lora_bias) && init !== true && init !== false && init !== undefined
      ? hit(
          ['lora_bias'],
          'key',
          `\`lora_bias: true\` works only with \`init_lora_weights\` true or false (here: ${JSON.stringify(init)}); PEFT raises.`,
        )
      : undefined;
  }),
  peftRule('peft-alora-task-type', LORA, 'warning', LORA_PY, (c) =>
    c.alora_invocation_tokens !== undefined &&
    c.alora_invocation_tokens !== null &&
    c.task_type !== 'CAUSAL_LM'
      ? hit(
          ['alora_invocation_tokens'],
          'key',
          'aLoRA (`alora_invocation_tokens`) is only supported for `task_type: CAUSAL_LM`; PEFT warns "aLoRA is currently only supported for CAUSAL_LM task."',
        )
      : undefined,
  ),
  peftRule('peft-rslora-pattern-conversion', LORA, 'warning', LORA_PY, (c, get) => {
    const init = get('init_lora_weights');
    const converts =
      (typeof init === 'string' && init.startsWith('pissa')) ||
      init === 'olora' ||
      init === 'corda' ||
      init === 'lora_ga';
    return c.use_rslora === true && (truthy(c.rank_pattern) || truthy(c.alpha_pattern)) && converts
      ? hit(
          ['use_rslora'],
          'key',
          `rsLoRA with \`rank_pattern\`/\`alpha_pattern\` and \`init_lora_weights: ${String(init)}\`: PEFT warns that \`path_initial_model_for_weight_conversion\` cannot restore the base weights when saving.`,
        )
      : undefined;
  }),
  peftRule('peft-adalora-loftq', ['ADALORA'], 'error', ADA_PY, (c) =>
    truthy(c.loftq_config)
      ? hit(
          ['loftq_config'],
          'key',
          'AdaLoRA does not support LoftQ; PEFT raises "ADALORA does not support LOFTQ." Remove `loftq_config`.',
        )
      : undefined,
  ),
  peftRule('peft-adalora-r-ignored', ['ADALORA'], 'warning', ADA_PY, (c) =>
    num(c.r) && c.r !== 8
      ? hit(
          ['r'],
          'key',
          `AdaLoRA ignores \`r\` (PEFT warns "Note that \`r\` is not used in AdaLora and will be ignored"); the starting rank is \`init_r\` (${String(c.init_r ?? 12)}) and the budget \`target_r\`.`,
        )
      : undefined,
  ),
  peftRule('peft-adalora-orth-reg-weight', ['ADALORA'], 'error', ADA_PY, (c) =>
    num(c.orth_reg_weight) && c.orth_reg_weight < 0
      ? hit(['orth_reg_weight'], 'value', '`orth_reg_weight` must be ≥ 0; PEFT raises.')
      : undefined,
  ),
  peftRule('peft-adalora-schedule', ['ADALORA'], 'error', ADA_PY, (c, get) => {
    const [total, tinit, tfinal] = [get('total_step'), get('tinit'), get('tfinal')];
    return num(total) && total > 0 && num(tinit) && num(tfinal) && tinit >= total - tfinal
      ? hit(
          [['tinit', 'tfinal', 'total_step'].find((k) => has(c, k)) ?? 'peft_type'],
          'value',
          `\`tinit\` (${tinit}) + \`tfinal\` (${tfinal}) leave no budgeting phase within \`total_step\` (${total}); PEFT raises "The supplied schedule values don't allow for a budgeting phase."`,
        )
      : undefined;
  }),
];
