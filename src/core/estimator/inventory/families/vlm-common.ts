// Shared pieces of the vision-language module trees: a vision tower, a projector and a language model
// inside one *ForConditionalGeneration, whose attribute names moved between transformers releases.
// transformers 4.52 nested the decoder under `model.language_model` (and the vision tower under
// `model.`); 4.47-4.51 kept the older names. Each family lists both layouts, gated on `layout`, so one
// expander builds either (reference/transformers-versions.md, observed with PEFT 0.20.0).
import { int, InvalidConfigError, requirePositive } from '../config';
import type { HfConfig, LayerGroup, ModTpl, Part } from '../types';
import { isLayerGroup } from '../types';
import type { LlamaDims } from './llama';
import { atLeast, type TransformersRelease } from '../../transformers-version';

/** 'flat': transformers 4.47-4.51 names; 'nested': 4.52 and later (5.x included). */
export type VlmLayout = 'flat' | 'nested';

export interface VlmDims extends LlamaDims {
  layout: VlmLayout;
}

/** The layout a release builds: transformers >= 4.52 nests the language model under `model.language_model`. */
export function layoutOf(release: TransformersRelease): VlmLayout {
  return atLeast(release, 4, 52) ? 'nested' : 'flat';
}

/** A sub-config (`text_config`, `vision_config`) as a plain object; absent gives {}. */
export function subConfig(cfg: HfConfig, key: string): HfConfig {
  const v = cfg[key];
  if (v === undefined || v === null) return {};
  if (typeof v !== 'object' || Array.isArray(v))
    throw new InvalidConfigError(`config.json field "${key}" must be an object`);
  return v as HfConfig;
}

/**
 * The text config transformers builds: `text_config` when present, else the top-level fields (the
 * published Qwen2-VL files keep the text fields at the top; the config classes pass them on as kwargs).
 */
export function textConfigOf(cfg: HfConfig): HfConfig {
  const text = subConfig(cfg, 'text_config');
  if (Object.keys(text).length === 0) return cfg;
  // tie_word_embeddings is read from the text config; a top-level value stands when text_config has none.
  return text.tie_word_embeddings === undefined && cfg.tie_word_embeddings !== undefined
    ? { ...text, tie_word_embeddings: cfg.tie_word_embeddings }
    : text;
}

/** A number field (int or float, e.g. mlp_ratio 4 or 4.0), or the default. */
export function numField(cfg: HfConfig, key: string, dflt: number): number {
  const v = cfg[key];
  if (v === undefined || v === null) return dflt;
  if (typeof v !== 'number' || !Number.isFinite(v) || v <= 0)
    throw new InvalidConfigError(
      `config.json field "${key}" must be a positive number, got ${JSON.stringify(v)}`,
    );
  return v;
}

function gate<R>(when: (r: R) => boolean, inner?: (r: R, i: number) => boolean) {
  return (r: R, i: number) => when(r) && (inner ? inner(r, i) : true);
}

/** The parts placed under `scope` (e.g. 'model.language_model.'), present only when `when` holds. */
export function scoped<R>(parts: readonly Part<R>[], scope: string, when: (r: R) => boolean): Part<R>[] {
  return parts.map((p): Part<R> => {
    if (isLayerGroup(p)) {
      const g: LayerGroup<R> = { ...p, path: scope + p.path, when: (r) => when(r) && (p.when?.(r) ?? true) };
      return g;
    }
    // An empty name stands for the scope module itself (a projector owning a bare Parameter).
    const name = p.name === '' ? scope.replace(/\.$/, '') : scope + p.name;
    const t: ModTpl<R> = { ...p, name, when: gate(when, p.when) };
    if (p.tie) t.tie = p.tie.replace('{p}', scope);
    return t;
  });
}

/** Both layouts of one family: `flat` parts for 4.47-4.51 and `nested` parts for >= 4.52. */
export function byLayout<R extends VlmDims>(flat: Part<R>[], nested: Part<R>[]): Part<R>[] {
  return [
    ...scoped(flat, '', (r) => r.layout === 'flat'),
    ...scoped(nested, '', (r) => r.layout === 'nested'),
  ];
}

/** The widths every ViT here has (CLIP/SigLIP towers, Mllama and Llama 4 vision models). */
export interface VitDims {
  h: number;
  ff: number;
  L: number;
  channels: number;
  patch: number;
  /** (image_size // patch_size)^2, plus 1 where a class token has a position (readVit adds it) */
  patches: number;
}

/** Reads a ViT's widths from vision_config with its config class's defaults. */
export function readVit(vc: HfConfig, d: { h: number; ff: number; L: number; image: number }): VitDims {
  const patch = int(vc, 'patch_size', 14);
  requirePositive({ 'vision_config.patch_size': patch });
  const side = Math.floor(int(vc, 'image_size', d.image) / patch);
  const v: VitDims = {
    h: int(vc, 'hidden_size', d.h),
    ff: int(vc, 'intermediate_size', d.ff),
    L: int(vc, 'num_hidden_layers', d.L),
    channels: int(vc, 'num_channels', 3),
    patch,
    patches: side * side + 1,
  };
  requirePositive({ 'vision_config.hidden_size': v.h });
  return v;
}

/** A bias-free patch embedding Conv2d(channels, hidden, kernel = stride = patch) of a vision tower. */
export function patchConv<R>(
  name: string,
  vit: (r: R) => { h: number; channels: number; patch: number },
): ModTpl<R> {
  return {
    name,
    kind: 'Conv2d',
    in: (r) => vit(r).channels,
    out: (r) => vit(r).h,
    weight: (r) => vit(r).h * vit(r).channels * vit(r).patch * vit(r).patch,
  };
}
