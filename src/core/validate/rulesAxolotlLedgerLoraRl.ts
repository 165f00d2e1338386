// Axolotl ledger rules: LoRAValidationMixin and RLValidationMixin of
// src/axolotl/utils/schemas/validation.py at 067b021 (Axolotl 0.18.0): layers to transform, LoRA
// kernels, QLoRA with ZeRO-3, GRPO/GDPO/IPO/DPO settings.
import type { CrossFieldRule } from './ruleKit';
import { axRule, gcKwargs, given, hit, num, obj, setFix, truthy } from './rulesAxolotlLedgerKit';

const V = 'utils/schemas/validation.py:';
const KERNELS = ['lora_mlp_kernel', 'lora_qkv_kernel', 'lora_o_kernel'];

export const AXOLOTL_LEDGER_LORA_RL: readonly CrossFieldRule[] = [
  axRule('ax-unfrozen-with-layers-to-transform', 'error', `${V}600`, (c) =>
    truthy(c.adapter) && truthy(c.peft_layers_to_transform) && truthy(c.unfrozen_parameters)
      ? hit(
          ['unfrozen_parameters'],
          'key',
          'Axolotl raises: "`unfrozen_parameters` used with `peft_layers_to_transform` can have unexpected behavior."',
        )
      : undefined,
  ),
  axRule('ax-fused-mlp-lora', 'error', `${V}617`, (c) =>
    (c.adapter === 'lora' || c.adapter === 'qlora') && truthy(c.flash_attn_fuse_mlp)
      ? hit(
          ['flash_attn_fuse_mlp'],
          'key',
          'Axolotl raises: "Fused modules are not supported with LoRA/QLoRA".',
        )
      : undefined,
  ),
  axRule('ax-onebitllms-lora', 'error', `${V}623`, (c) =>
    truthy(c.use_onebitllms) && (c.adapter === 'lora' || c.adapter === 'qlora')
      ? hit(['use_onebitllms'], 'key', 'Axolotl raises: "LoRA/QLoRA is not supported with use_onebitllms".')
      : undefined,
  ),
  axRule('ax-qlora-zero3-reentrant', 'warning', `${V}641`, (c) =>
    c.adapter === 'qlora' &&
    gcKwargs(c).use_reentrant === false &&
    typeof c.deepspeed === 'string' &&
    c.deepspeed.includes('zero3')
      ? hit(
          ['gradient_checkpointing_kwargs', 'use_reentrant'],
          'value',
          'Axolotl warns: "qlora + zero3 with use_reentrant: false may result in a CheckpointError about recomputed values".',
        )
      : undefined,
  ),
  axRule('ax-lora-kernels-8bit', 'error', `${V}655`, (c) => {
    const k = KERNELS.find((o) => truthy(c[o]));
    return k && c.adapter === 'lora' && truthy(c.load_in_8bit)
      ? hit(
          [k],
          'key',
          'Axolotl raises: "lora_mlp_kernel, lora_qkv_kernel, and lora_o_kernel are not compatible with 8-bit LoRA".',
        )
      : undefined;
  }),
  axRule('ax-lora-kernels-remote-code', 'error', `${V}675`, (c) => {
    const k = KERNELS.find((o) => truthy(c[o]));
    return k && truthy(c.trust_remote_code)
      ? hit(
          [k],
          'key',
          'Axolotl raises: the LoRA kernels "are not compatible with trust_remote_code"; disable trust_remote_code or set the lora_*_kernel keys to false.',
        )
      : undefined;
  }),
  axRule('ax-grpo-liger-context-parallel', 'error', `${V}713`, (c) =>
    c.rl === 'grpo' && truthy(obj(c.trl).use_liger_loss) && num(c.context_parallel_size, 1) > 1
      ? hit(
          ['context_parallel_size'],
          'value',
          'Axolotl raises: "GRPO + SP + Liger not currently supported".',
        )
      : undefined,
  ),
  axRule('ax-gdpo-aggregation', 'error', `${V}748`, (c) =>
    c.rl === 'gdpo' && obj(c.trl).multi_objective_aggregation === 'sum_then_normalize'
      ? hit(
          ['trl', 'multi_objective_aggregation'],
          'value',
          'Axolotl raises: "`multi_objective_aggregation` value set as `sum_then_normalize` => GRPO, but GDPO was selected".',
        )
      : undefined,
  ),
  axRule('ax-ipo-deprecated', 'warning', `${V}761`, (c) =>
    c.rl === 'ipo'
      ? hit(
          ['rl'],
          'value',
          'Axolotl warns: "rl: ipo will soon be deprecated. Use `rl: dpo` with `dpo_loss_type: [\'ipo\']` instead."',
        )
      : undefined,
  ),
  axRule('ax-dpo-loss-weights', 'error', `${V}767`, (c) => {
    const t = c.dpo_loss_type;
    const w = c.dpo_loss_weights;
    if (c.rl !== 'dpo')
      return given(t) || given(w)
        ? hit(
            [given(t) ? 'dpo_loss_type' : 'dpo_loss_weights'],
            'key',
            `Axolotl raises: \`dpo_loss_type\` and \`dpo_loss_weights\` are for DPO only (rl is ${String(c.rl ?? 'not set')}).`,
          )
        : undefined;
    if (given(w) && !given(t))
      return hit(
        ['dpo_loss_weights'],
        'key',
        'Axolotl raises: "`dpo_loss_weights` requires `dpo_loss_type` to be set".',
      );
    return Array.isArray(t) && Array.isArray(w) && t.length !== w.length
      ? hit(
          ['dpo_loss_weights'],
          'key',
          `Axolotl raises: \`dpo_loss_type\` and \`dpo_loss_weights\` must be the same length (${t.length} losses, ${w.length} weights).`,
        )
      : undefined;
  }),
  axRule('ax-grpo-num-generations', 'error', `${V}815`, (c) => {
    const n = obj(c.trl).num_generations;
    return c.rl === 'grpo' && typeof n === 'number' && n < 2
      ? hit(
          ['trl', 'num_generations'],
          'value',
          `Axolotl raises: GRPO requires \`trl.num_generations >= 2\` (got ${n}); every group would have zero advantage.`,
        )
      : undefined;
  }),
  axRule('ax-grpo-generation-batch', 'error', `${V}847`, (c) => {
    const t = obj(c.trl);
    const n = t.num_generations;
    if (c.rl !== 'grpo' || typeof n !== 'number' || n < 2) return undefined;
    const explicit = given(t.generation_batch_size);
    const mb = num(c.micro_batch_size, 1) || 1;
    const gbs = explicit
      ? Number(t.generation_batch_size)
      : mb * (num(c.gradient_accumulation_steps, 1) || 1);
    if (gbs % n === 0) return undefined;
    const gcd = (a: number, b: number): number => (b ? gcd(b, a % b) : a);
    const ga = (n * mb) / gcd(n, mb) / mb;
    return explicit
      ? hit(
          ['trl', 'generation_batch_size'],
          'value',
          `Axolotl raises: the GRPO generation batch size (${gbs}) must be divisible by \`trl.num_generations\` (${n}).`,
        )
      : hit(
          ['gradient_accumulation_steps'],
          'value',
          `Axolotl raises: micro_batch_size × gradient_accumulation_steps = ${gbs} must be divisible by \`trl.num_generations\` (${n}); smallest fix: gradient_accumulation_steps: ${ga}.`,
          setFix('gradient_accumulation_steps', String(ga)),
        );
  }),
];
