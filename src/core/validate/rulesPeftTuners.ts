// PEFT checks of the other tuners' configs (src/peft/tuners/<tuner>/config.py __post_init__ and
// src/peft/config.py at the schema's commit 5d602fd); file:line of each in ledger/peft.json.
import type { CrossFieldRule } from './ruleKit';
import { at, has } from './ruleKit';
import { firstBad, hit, num, peftRule, truthy } from './peftKit';
import { compareVersions, parseVersion } from './versions';

const py = (tuner: string, cls: string): string => `tuners/${tuner}/config.py ${cls}.__post_init__`;
/** waveft/constants.py WAVELET_REDUCTIONS keys: db1-db38, sym2-sym20, coif1-coif17. */
const WAVELETS = /^(db([1-9]|[12]\d|3[0-8])|sym([2-9]|1\d|20)|coif([1-9]|1[0-7]))$/;
const len = (v: unknown): number | undefined => (Array.isArray(v) ? v.length : undefined);

export const PEFT_TUNER_RULES: readonly CrossFieldRule[] = [
  peftRule('peft-runtime-config-ignored', '*', 'warning', 'config.py PeftConfigMixin.from_json_file', (c) =>
    has(c, 'runtime_config')
      ? hit(
          ['runtime_config'],
          'key',
          'PEFT ignores `runtime_config` in a saved config ("Runtime configurations are only valid at runtime") and warns.',
        )
      : undefined,
  ),
  peftRule('peft-adamss-asa-values', ['ADAMSS'], 'error', py('adamss', 'AdamssConfig'), (c, get) => {
    if (get('use_asa') !== true) return undefined;
    const [iw, fw] = [get('init_warmup'), get('final_warmup')];
    if (num(iw) && num(fw) && iw >= fw)
      return hit(
        at(c, 'init_warmup', 'final_warmup'),
        'value',
        `With \`use_asa\`, \`init_warmup\` (${iw}) must be smaller than \`final_warmup\` (${fw}); PEFT raises.`,
      );
    return firstBad(
      c,
      [],
      [
        [
          'mask_interval',
          (n) => n <= 0,
          '`mask_interval` must be a positive integer when `use_asa: true`; PEFT raises.',
        ],
        [
          'asa_target_subspaces',
          (n) => n <= 0,
          '`asa_target_subspaces` must be a positive integer when `use_asa: true`; PEFT raises.',
        ],
        [
          'asa_schedule_exponent',
          (n) => n <= 0,
          '`asa_schedule_exponent` must be positive when `use_asa: true`; PEFT raises.',
        ],
      ],
    );
  }),
  peftRule(
    'peft-cartridge-frozen-tokens',
    ['CARTRIDGE'],
    'error',
    py('cartridge', 'CartridgeConfig'),
    (c, get) => {
      const [frozen, virtual] = [get('num_frozen_tokens'), get('num_virtual_tokens')];
      if (num(frozen) && frozen < 0)
        return hit(['num_frozen_tokens'], 'value', '`num_frozen_tokens` must be ≥ 0; PEFT raises.');
      return num(frozen) && num(virtual) && frozen > virtual
        ? hit(
            at(c, 'num_frozen_tokens', 'num_virtual_tokens'),
            'value',
            `\`num_frozen_tokens\` (${frozen}) must be ≤ \`num_virtual_tokens\` (${virtual}); PEFT raises.`,
          )
        : undefined;
    },
  ),
  peftRule('peft-cpt-task-type', ['CPT'], 'error', py('cpt', 'CPTConfig'), (c) =>
    c.task_type !== 'CAUSAL_LM'
      ? hit(
          at(c, 'task_type', 'peft_type'),
          'value',
          'CPT only supports `task_type: CAUSAL_LM`; PEFT raises "CPTConfig only supports task_type = CAUSAL_LM."',
        )
      : undefined,
  ),
  peftRule('peft-cpt-mask-lengths', ['CPT'], 'error', py('cpt', 'CPTConfig'), (c) => {
    const n = len(c.cpt_token_ids) ?? 1;
    const bad = ['cpt_mask', 'cpt_tokens_type_mask'].find((k) => len(c[k]) !== undefined && len(c[k]) !== n);
    return bad
      ? hit(
          [bad],
          'key',
          `\`${bad}\` has ${len(c[bad])} entries but \`cpt_token_ids\` has ${n}; PEFT raises "cpt_token_ids, cpt_mask and cpt_tokens_type_mask must have the same length."`,
        )
      : undefined;
  }),
  peftRule('peft-cpt-num-virtual-tokens-override', ['CPT'], 'warning', py('cpt', 'CPTConfig'), (c) => {
    const n = len(c.cpt_token_ids) ?? 1;
    return num(c.num_virtual_tokens) && c.num_virtual_tokens !== n
      ? hit(
          ['num_virtual_tokens'],
          'value',
          `CPT sets \`num_virtual_tokens\` to the length of \`cpt_token_ids\`: ${c.num_virtual_tokens} becomes ${n} without a warning.`,
        )
      : undefined;
  }),
  peftRule('peft-gralora-k', ['GRALORA'], 'error', py('gralora', 'GraloraConfig'), (c, get) => {
    const [r, k] = [get('r'), get('gralora_k')];
    if (num(k) && k <= 0)
      return hit(['gralora_k'], 'value', '`gralora_k` must be a positive integer; PEFT raises.');
    return num(r) && num(k) && r % k !== 0
      ? hit(
          at(c, 'r', 'gralora_k'),
          'value',
          `\`r\` (${r}) must be divisible by \`gralora_k\` (${k}); PEFT raises.`,
        )
      : undefined;
  }),
  peftRule('peft-ia3-feedforward-subset', ['IA3'], 'error', py('ia3', 'IA3Config'), (c) => {
    if (!Array.isArray(c.feedforward_modules) || !Array.isArray(c.target_modules)) return undefined;
    const targets = c.target_modules.map(String);
    const extra = c.feedforward_modules.map(String).filter((m) => !targets.includes(m));
    return extra.length
      ? hit(
          ['feedforward_modules'],
          'key',
          `\`feedforward_modules\` must be a subset of \`target_modules\` (${extra.join(', ')} ${extra.length === 1 ? 'is' : 'are'} not targeted); PEFT raises.`,
        )
      : undefined;
  }),
  peftRule('peft-lily-values', ['LILY'], 'error', py('lily', 'LilyConfig'), (c) =>
    firstBad(
      c,
      [],
      [
        ['stride_A', (n) => n < 1, '`stride_A` must be at least 1; PEFT raises.'],
        ['num_B', (n) => n < 2, '`num_B` must be at least 2 for the router to be trained; PEFT raises.'],
      ],
    ),
  ),
  peftRule(
    'peft-oft-cayley-old-adapter',
    ['OFT'],
    'warning',
    'tuners/oft/config.py OFTConfig.check_kwargs',
    (c) => {
      if (c.use_cayley_neumann !== true) return undefined;
      const v = typeof c.peft_version === 'string' ? parseVersion(c.peft_version.split('@')[0]) : undefined;
      return !v || compareVersions(v, [0, 18, 0]) < 0
        ? hit(
            ['use_cayley_neumann'],
            'key',
            `The Cayley-Neumann parameterization changed in PEFT 0.18.0 and this adapter was saved by ${v ? `PEFT ${String(c.peft_version)}` : 'a PEFT older than 0.18 (no `peft_version`)'}; PEFT warns: retrain, or use PEFT 0.17.0 to load it.`,
          )
        : undefined;
    },
  ),
  peftRule('peft-peanut-depth', ['PEANUT'], 'error', py('peanut', 'PeanutConfig'), (c) =>
    num(c.depth) && c.depth < 0
      ? hit(['depth'], 'value', '`depth` can only be a non-negative integer; PEFT raises.')
      : undefined,
  ),
  peftRule('peft-psoft-cayley-values', ['PSOFT'], 'error', py('psoft', 'PsoftConfig'), (c) => {
    if (c.use_cayley_neumann !== true) return undefined;
    const eps = c.cayley_neumann_eps;
    if (num(eps) && !(eps > 0 && eps < 1))
      return hit(
        ['cayley_neumann_eps'],
        'value',
        '`cayley_neumann_eps` must be in (0, 1) when set; PEFT raises.',
      );
    return firstBad(
      c,
      [],
      [
        [
          'num_cayley_neumann_terms',
          (n) => n <= 0,
          '`num_cayley_neumann_terms` must be a positive integer; PEFT raises.',
        ],
      ],
    );
  }),
  peftRule('peft-psoft-cayley-unused', ['PSOFT'], 'warning', py('psoft', 'PsoftConfig'), (c, get) => {
    if (get('use_cayley_neumann') === true) return undefined;
    if (num(c.num_cayley_neumann_terms) && c.num_cayley_neumann_terms !== 5)
      return hit(
        ['num_cayley_neumann_terms'],
        'key',
        '`num_cayley_neumann_terms` is only used when `use_cayley_neumann: true`; PEFT warns and ignores it.',
      );
    return num(c.cayley_neumann_eps)
      ? hit(
          ['cayley_neumann_eps'],
          'key',
          '`cayley_neumann_eps` is only used when `use_cayley_neumann: true`; PEFT warns and ignores it.',
        )
      : undefined;
  }),
  peftRule('peft-psoft-lowrank-niter-unused', ['PSOFT'], 'warning', py('psoft', 'PsoftConfig'), (c, get) =>
    get('psoft_svd') !== 'lowrank' && num(c.psoft_svd_lowrank_niter) && c.psoft_svd_lowrank_niter !== 10
      ? hit(
          ['psoft_svd_lowrank_niter'],
          'key',
          '`psoft_svd_lowrank_niter` is only used when `psoft_svd: lowrank`; PEFT warns and ignores it.',
        )
      : undefined,
  ),
  peftRule(
    'peft-save-projection-off',
    ['VERA', 'PVERA', 'RANDLORA', 'TINYLORA'],
    'warning',
    'tuners/{vera,pvera,randlora,tinylora}/config.py __post_init__',
    (c) =>
      c.save_projection === false
        ? hit(
            ['save_projection'],
            'value',
            '`save_projection: false`: the projection matrices are not saved but regenerated from the PRNG key, which PEFT warns may not restore the same weights on every system.',
          )
        : undefined,
  ),
  peftRule('peft-road-values', ['ROAD'], 'error', py('road', 'RoadConfig'), (c) => {
    if (typeof c.variant === 'string' && !['road_1', 'road_2', 'road_4'].includes(c.variant))
      return hit(
        ['variant'],
        'value',
        `Invalid variant ${c.variant}; PEFT accepts road_1, road_2 or road_4 and raises otherwise.`,
      );
    return firstBad(
      c,
      [],
      [
        [
          'group_size',
          (n) => n <= 0 || n % 2 !== 0,
          '`group_size` must be a positive even number for RoAd; PEFT raises.',
        ],
      ],
    );
  }),
  peftRule(
    'peft-supertuning-values',
    ['SUPERTUNING'],
    'error',
    py('supertuning', 'SupertuningConfig'),
    (c) => {
      if ((c.r === undefined || c.r === null) && c.lora_alpha !== undefined && c.lora_alpha !== null)
        return hit(
          ['lora_alpha'],
          'key',
          '`lora_alpha` is set but `r` is not; PEFT raises "Supra mode requires an explicit r."',
        );
      return firstBad(
        c,
        [],
        [
          ['sparsity', (n) => !(n >= 0 && n < 1), '`sparsity` must be in [0.0, 1.0); PEFT raises.'],
          [
            'lora_dropout',
            (n) => !(n >= 0 && n < 1),
            '`lora_dropout` must be in [0.0, 1.0) for SuperTuning; PEFT raises.',
          ],
        ],
      );
    },
  ),
  peftRule(
    'peft-supertuning-indices-not-saved',
    ['SUPERTUNING'],
    'warning',
    py('supertuning', 'SupertuningConfig'),
    (c) =>
      c.save_precomputed_indices === false
        ? hit(
            ['save_precomputed_indices'],
            'value',
            '`save_precomputed_indices: false`: PEFT warns that the sparse-support indices are recomputed from the base weights when loading.',
          )
        : undefined,
  ),
  peftRule('peft-tinylora-values', ['TINYLORA'], 'error', py('tinylora', 'TinyLoraConfig'), (c) =>
    firstBad(
      c,
      [],
      [
        ['u', (n) => n <= 0, '`u` must be a positive integer; PEFT raises.'],
        [
          'weight_tying',
          (n) => !(n >= 0 && n <= 1),
          '`weight_tying` must be between 0.0 and 1.0; PEFT raises.',
        ],
      ],
    ),
  ),
  peftRule('peft-unilora-values', ['UNILORA'], 'error', py('unilora', 'UniLoraConfig'), (c) => {
    if (typeof c.bias === 'string' && !['none', 'all', 'unilora_only'].includes(c.bias))
      return hit(['bias'], 'value', "`bias` must be 'none', 'all' or 'unilora_only'; PEFT raises.");
    return firstBad(
      c,
      [],
      [
        ['theta_d_length', (n) => n <= 0, '`theta_d_length` must be a positive integer; PEFT raises.'],
        ['init_theta_d_bound', (n) => n <= 0, '`init_theta_d_bound` must be a positive float; PEFT raises.'],
      ],
    );
  }),
  peftRule('peft-waveft-wavelet-family', ['WAVEFT'], 'error', py('waveft', 'WaveFTConfig'), (c) =>
    typeof c.wavelet_family === 'string' && !WAVELETS.test(c.wavelet_family)
      ? hit(
          ['wavelet_family'],
          'value',
          `Wavelet family ${c.wavelet_family} is not supported (db1-db38, sym2-sym20, coif1-coif17); PEFT raises.`,
        )
      : undefined,
  ),
  peftRule('peft-xlora-hidden-size-default', ['XLORA'], 'warning', py('xlora', 'XLoraConfig'), (c) =>
    c.hidden_size === undefined || c.hidden_size === null
      ? hit(
          at(c, 'hidden_size', 'peft_type'),
          'key',
          "No `hidden_size`: PEFT warns and uses 4096; set the base model's hidden size.",
        )
      : undefined,
  ),
  peftRule('peft-xlora-adapters-default', ['XLORA'], 'warning', py('xlora', 'XLoraConfig'), (c) =>
    c.adapters === undefined || c.adapters === null
      ? hit(
          at(c, 'adapters', 'peft_type'),
          'key',
          'No `adapters`: PEFT warns and uses an empty mapping, so X-LoRA has no LoRA experts to mix.',
        )
      : undefined,
  ),
  peftRule('peft-xlora-topk', ['XLORA'], 'warning', py('xlora', 'XLoraConfig'), (c, get) => {
    const topk = c.top_k_lora;
    if (get('enable_softmax_topk') === true && (topk === undefined || topk === null))
      return hit(
        ['enable_softmax_topk'],
        'key',
        '`enable_softmax_topk` is on but `top_k_lora` is not set (PEFT warns).',
      );
    if (get('enable_softmax_topk') === true && get('enable_softmax') === true)
      return hit(
        ['enable_softmax_topk'],
        'key',
        '`enable_softmax_topk` and `enable_softmax` are both on; PEFT warns this performs worse.',
      );
    return num(topk) && topk < 1
      ? hit(['top_k_lora'], 'value', '`top_k_lora` must be at least 1 (PEFT warns).')
      : undefined;
  }),
  peftRule(
    'peft-prompt-tuning-tokenizer-kwargs',
    ['PROMPT_TUNING', 'MULTITASK_PROMPT_TUNING'],
    'error',
    py('prompt_tuning', 'PromptTuningConfig'),
    (c) =>
      truthy(c.tokenizer_kwargs) && (c.prompt_tuning_init ?? 'RANDOM') !== 'TEXT'
        ? hit(
            ['tokenizer_kwargs'],
            'key',
            '`tokenizer_kwargs` is only valid with `prompt_tuning_init: TEXT`; PEFT raises.',
          )
        : undefined,
  ),
];
