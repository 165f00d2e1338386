// The Qwen3-VL vision tower (`model.visual`), shared by Qwen3-VL, Qwen3-VL-MoE, Qwen3.5 and Qwen3.5-MoE.
// transformers v5.17.0 models/qwen3_vl/modeling_qwen3_vl.py: Conv3d patch embedding with bias (:97), a
// learned pos_embed (:660), blocks of LayerNorm + qkv/proj + linear_fc1/fc2 with biases (:331-335), a
// merger (LayerNorm over the tower width, then two Linears over width * merge^2, :174-185) and, for
// Qwen3-VL only, one post-shuffle merger per deepstack_visual_indexes entry (:675-680); Qwen3.5's tower
// (models/qwen3_5/modeling_qwen3_5.py:1124) has no deepstack mergers.
import { int, requirePositive } from '../config';
import { embedding, layerNorm, linear } from '../tpl';
import type { HfConfig, ModTpl, Part } from '../types';
import type { HybridDims } from './qwen-hybrid';
import { scoped, subConfig } from './vlm-common';
import type { QwenVision } from './vlm-qwen';

/** Qwen2-VL's tower widths plus the learned position table and the deepstack mergers. */
interface Qwen3Vision extends QwenVision {
  positions: number;
  /** deepstack mergers (Qwen3-VL: one per deepstack_visual_indexes entry; Qwen3.5: none) */
  deepstack: number;
}

export interface Qwen3VlDims extends HybridDims {
  v: Qwen3Vision;
}

type T = ModTpl<Qwen3VlDims>;
const e = (r: Qwen3VlDims) => r.v.e;
const merged = (r: Qwen3VlDims) => r.v.e * r.v.merge * r.v.merge;

const block: T[] = [
  layerNorm('norm1', e),
  layerNorm('norm2', e),
  linear('attn.qkv', e, (r) => 3 * r.v.e, true),
  linear('attn.proj', e, e, true),
  linear('mlp.linear_fc1', e, (r) => r.v.ff, true),
  linear('mlp.linear_fc2', (r) => r.v.ff, e, true),
];

/** Qwen3VLVisionPatchMerger: `norm` over the tower width, or over width * merge^2 after the shuffle. */
const merger = (postShuffle: boolean): T[] => [
  layerNorm('norm', postShuffle ? merged : e),
  linear('linear_fc1', merged, merged, true),
  linear('linear_fc2', merged, (r) => r.v.out, true),
];

export const visual: Part<Qwen3VlDims>[] = [
  {
    name: 'patch_embed.proj',
    kind: 'Conv3d',
    in: (r) => r.v.channels,
    out: e,
    bias: true,
    weight: (r) => r.v.e * r.v.channels * r.v.temporal * r.v.patch * r.v.patch,
  },
  embedding('pos_embed', (r) => r.v.positions, e),
  { path: 'blocks', count: (r: Qwen3VlDims) => r.v.depth, modules: block },
  ...scoped(merger(false), 'merger.', () => true),
  { path: 'deepstack_merger_list', count: (r: Qwen3VlDims) => r.v.deepstack, modules: merger(true) },
];

/** Reads vision_config with the Qwen3VLVisionConfig / Qwen3_5VisionConfig defaults (v5.17.0). */
export function readVision(cfg: HfConfig, deepstack: boolean): Qwen3Vision {
  const vc = subConfig(cfg, 'vision_config');
  const idx = vc.deepstack_visual_indexes;
  const v: Qwen3Vision = {
    e: int(vc, 'hidden_size', 1152),
    depth: int(vc, 'depth', 27),
    ff: int(vc, 'intermediate_size', 4304),
    channels: int(vc, 'in_channels', 3),
    temporal: int(vc, 'temporal_patch_size', 2),
    patch: int(vc, 'patch_size', 16),
    merge: int(vc, 'spatial_merge_size', 2),
    out: int(vc, 'out_hidden_size', 3584),
    positions: int(vc, 'num_position_embeddings', 2304),
    deepstack: !deepstack ? 0 : Array.isArray(idx) ? idx.length : 3,
  };
  requirePositive({ 'vision_config.hidden_size': v.e, 'vision_config.num_heads': int(vc, 'num_heads', 16) });
  return v;
}
