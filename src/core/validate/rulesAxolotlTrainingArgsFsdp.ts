// transformers TrainingArguments FSDP checks that an Axolotl config reaches. Axolotl passes
// `fsdp_config` (its pydantic FSDPConfig, dumped without None) and `fsdp` (the deprecated list, else
// True) to TrainingArguments (axolotl@067b021 src/axolotl/core/builders/base.py:684-686, used by
// causal.py and rl.py), so _process_fsdp_args and _apply_legacy_fsdp_to_config run on them. Axolotl
// pins transformers 5.14.1, which could not be read here; Axolotl's own comment says transformers
// >= 5.10 defaults a missing version to FSDP2 (validation.py:1119-1120), the 5.17.0 code these checks
// follow (lines: transformers 5.17.0). The FSDP sites that cannot fire on Axolotl, and why:
// ledger/transformers.json `axolotl`.
import type { CrossFieldRule } from './ruleKit';
import { hit } from './ruleKit';
import { tfRule } from './rulesTrainingArgs';
import { LEGACY_FSDP_OPTIONS, legacyFsdpProblem } from './rulesTrainingArgsFsdp';
import { axFsdpArgs, axGradientCheckpointingPassed } from './axolotlTrainingArgs';

const AX = ['axolotl'] as const;
const VIA = 'via axolotl@067b021 src/axolotl/core/builders/base.py:684-686';

/** The legacy `fsdp` item TrainingArguments raises on, as Axolotl passes the list and version. */
function legacyProblem(c: Record<string, unknown>): ReturnType<typeof legacyFsdpProblem> {
  const args = axFsdpArgs(c);
  return args && args.fsdp !== true ? legacyFsdpProblem(args.fsdp, args.version) : undefined;
}

/** An error on the `fsdp` key (a block list) when the first item TrainingArguments raises on is of `kind`. */
function legacyItemRule(
  id: string,
  kind: 'unknown' | 'fsdp1-only',
  line: string,
  message: (item: string) => string,
): CrossFieldRule {
  return tfRule(id, AX, 'error', `${line} _apply_legacy_fsdp_to_config, ${VIA}`, (c) => {
    const bad = legacyProblem(c);
    return bad?.kind === kind ? hit(['fsdp'], 'key', message(bad.item)) : undefined;
  });
}

export const AXOLOTL_TRAINING_ARGS_FSDP_RULES: readonly CrossFieldRule[] = [
  tfRule(
    'hf-fsdp-gradient-checkpointing',
    AX,
    'warning',
    `2755 _process_fsdp_args, ${VIA} and :600 (gradient_checkpointing)`,
    (c) =>
      axFsdpArgs(c) && axGradientCheckpointingPassed(c)
        ? hit(
            ['gradient_checkpointing'],
            'key',
            'With FSDP, Axolotl passes `gradient_checkpointing: true` to TrainingArguments, which warns: prefer `activation_checkpointing: true` in `fsdp_config` over `gradient_checkpointing`, which adds a redundant AllGather in the backward pass.',
          )
        : undefined,
  ),
  legacyItemRule(
    'hf-fsdp-unknown-option',
    'unknown',
    '2896',
    (item) =>
      `Unknown \`fsdp\` option \`${item}\`: Axolotl passes the \`fsdp\` list to TrainingArguments, which raises. The options are ${LEGACY_FSDP_OPTIONS}; better, drop the deprecated \`fsdp\` and configure \`fsdp_config\`.`,
  ),
  legacyItemRule(
    'hf-fsdp-strategy-needs-fsdp1',
    'fsdp1-only',
    '2885',
    (item) =>
      `\`fsdp: ${item}\` exists only in FSDP1, and TrainingArguments gets FSDP2 (\`fsdp_version: 2\`, or no \`fsdp_config\`, where transformers defaults to 2); it raises "\`fsdp=${item}\` is only available with FSDP1". Use full_shard / shard_grad_op, or \`fsdp_version: 1\` (deprecated).`,
  ),
];
