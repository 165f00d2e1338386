// Vocabulary of the Axolotl ledger rules (rulesAxolotlLedger*.ts): Python truthiness as Axolotl's
// validators test `data.get(k)`, the attention backend after its legacy flags are folded in, the FSDP
// version as Axolotl resolves it, and which plugins are listed. Read at 067b021 (Axolotl 0.18.0).
import type { Config, CrossFieldRule, RuleFix, RuleHit } from './ruleKit';
import { hit, truthy } from './ruleKit';

export { hit, truthy };

export const AX_SRC = 'axolotl@067b021 src/axolotl/';

/** A rule citing `file:line` under src/axolotl/ at the pinned commit. */
export const axRule = (
  id: string,
  severity: CrossFieldRule['severity'],
  site: string,
  check: (c: Config) => RuleHit | undefined,
): CrossFieldRule => ({ id, dialects: ['axolotl'], severity, source: `${AX_SRC}${site}`, check });

/** `data.get(k) is not None`. */
export const given = (v: unknown): boolean => v !== undefined && v !== null;
export const obj = (v: unknown): Config =>
  v && typeof v === 'object' && !Array.isArray(v) ? (v as Config) : {};
export const num = (v: unknown, dflt: number): number => (typeof v === 'number' ? v : dflt);
/** `set: value` as a quick fix. */
export const setFix = (key: string, value: string): RuleFix => ({
  title: `Set ${key}: ${value}`,
  path: [key],
  value,
});

/** Legacy boolean flags and the backend each becomes (utils/schemas/enums.py:118), in priority order. */
export const LEGACY_ATTN: ReadonlyArray<[string, string]> = [
  ['xformers_attention', 'xformers'],
  ['sage_attention', 'sage'],
  ['flex_attention', 'flex_attention'],
  ['flash_attention', 'flash_attention_2'],
  ['sdp_attention', 'sdpa'],
  ['eager_attention', 'eager'],
];
/** attn_implementation after normalize_attn_implementation (utils/schemas/config.py:1526). */
export function attnImpl(c: Config): string | undefined {
  if (typeof c.attn_implementation === 'string' && c.attn_implementation) return c.attn_implementation;
  if (truthy(c.gemma4_hybrid_attn_impl)) return 'flash_attention_2';
  return LEGACY_ATTN.find(([flag]) => truthy(c[flag]))?.[1];
}
/** utils/schemas/enums.py:135 ATTN_IMPLS_SUPPORTING_PACKING. */
const PACKING = new Set([
  'flash_attention_2',
  'flash_attention_3',
  'flex_attention',
  'xformers',
  'sage',
  'kernels-community/flash-attn2',
  'kernels-community/flash-attn3',
  'kernels-community/sage-attention',
]);
export const attnSupportsPacking = (c: Config): boolean => PACKING.has(attnImpl(c) ?? '');
/** utils/schemas/enums.py:149 ATTN_IMPLS_USING_FLASH_LIB. */
export const attnUsesFlashLib = (c: Config): boolean =>
  [
    'flash_attention_2',
    'flash_attention_3',
    'kernels-community/flash-attn2',
    'kernels-community/flash-attn3',
  ].includes(attnImpl(c) ?? '');

/** FSDP version: top level, else fsdp_config.fsdp_version / version, else 1 (validation.py:1107). */
export function fsdpVersion(c: Config): string {
  const f = obj(c.fsdp_config);
  return String(c.fsdp_version ?? f.fsdp_version ?? f.version ?? 1);
}
export const usesFsdp = (c: Config): boolean => truthy(c.fsdp) || truthy(c.fsdp_config);
/** An fsdp_config key, also under the deprecated `fsdp_` prefix Axolotl strips (validation.py:1085). */
export const fsdpKey = (c: Config, k: string): unknown => {
  const f = obj(c.fsdp_config);
  return f[k] ?? f[`fsdp_${k}`];
};

export const pluginsOf = (c: Config): string[] => (Array.isArray(c.plugins) ? c.plugins.map(String) : []);
/** True when a plugin whose dotted path contains `name` is listed (its args and validators load). */
export const pluginListed = (c: Config, name: string): boolean =>
  pluginsOf(c).some((p) => p.toLowerCase().includes(name.toLowerCase()));
/** Shared by several rule files (moved here from them unchanged). */
export const gcKwargs = (c: Config): Config => obj(c.gradient_checkpointing_kwargs);
/** gradient_checkpointing after check_gradient_checkpointing_w_offload turned `offload` into true. */
export const gc = (c: Config): boolean => truthy(c.gradient_checkpointing);
export const offloading = (c: Config): unknown =>
  c.gradient_checkpointing === 'offload'
    ? true
    : c.gradient_checkpointing === 'offload_disk'
      ? 'disk'
      : c.activation_offloading;
