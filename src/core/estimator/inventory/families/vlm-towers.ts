// CLIP and SigLIP vision towers as LLaVA, Gemma 3 and PaliGemma build them (AutoModel.from_config on
// vision_config: CLIPVisionModel / SiglipVisionModel). Shapes from transformers' modeling_clip.py
// (CLIPVisionEmbeddings: class_embedding Parameter(h), patch_embedding Conv2d bias=False,
// position_embedding Embedding(patches + 1, h); pre_layrnorm; encoder.layers.N with self_attn
// k/v/q/out_proj (bias), layer_norm1, mlp.fc1/fc2, layer_norm2; post_layernorm) and modeling_siglip.py
// (patch_embedding Conv2d with bias, position_embedding Embedding(patches, h), no class embedding and
// no pre-norm). Defaults: CLIPVisionConfig / SiglipVisionConfig __init__.
import { int, requirePositive, str, UnsupportedModelError } from '../config';
import { layerNorm, linear } from '../tpl';
import type { HfConfig, ModTpl, Part } from '../types';
import type { VitDims, VlmDims } from './vlm-common';

export interface VisionTower extends VitDims {
  kind: 'clip' | 'siglip';
}

export interface TowerDims extends VlmDims {
  vt: VisionTower;
}

/** Reads vision_config as CLIPVisionConfig / SiglipVisionConfig would, refusing other towers. */
export function resolveTower(vc: HfConfig, dflt: 'clip_vision_model' | 'siglip_vision_model'): VisionTower {
  const type = str(vc, 'model_type', dflt);
  if (type !== 'clip_vision_model' && type !== 'siglip_vision_model')
    throw new UnsupportedModelError(
      `vision_config.model_type "${type}" is not modelled (clip_vision_model and siglip_vision_model are)`,
    );
  const clip = type === 'clip_vision_model';
  if (!clip && vc.vision_use_head !== false)
    throw new UnsupportedModelError(
      'a SigLIP tower with its attention-pooling head (vision_use_head not false) is not modelled',
    );
  const image = int(vc, 'image_size', clip ? 224 : 224);
  const patch = int(vc, 'patch_size', clip ? 32 : 16);
  requirePositive({ 'vision_config.patch_size': patch });
  const side = Math.floor(image / patch);
  const t: VisionTower = {
    kind: clip ? 'clip' : 'siglip',
    h: int(vc, 'hidden_size', 768),
    ff: int(vc, 'intermediate_size', 3072),
    L: int(vc, 'num_hidden_layers', 12),
    channels: int(vc, 'num_channels', 3),
    patch,
    patches: side * side,
  };
  requirePositive({ 'vision_config.hidden_size': t.h });
  return t;
}

type T = ModTpl<TowerDims>;
const vh = (r: TowerDims) => r.vt.h;
const isClip = (r: TowerDims) => r.vt.kind === 'clip';

const encoderLayer: T[] = [
  linear('self_attn.k_proj', vh, vh, true),
  linear('self_attn.v_proj', vh, vh, true),
  linear('self_attn.q_proj', vh, vh, true),
  linear('self_attn.out_proj', vh, vh, true),
  layerNorm('layer_norm1', vh),
  linear('mlp.fc1', vh, (r) => r.vt.ff, true),
  linear('mlp.fc2', (r) => r.vt.ff, vh, true),
  layerNorm('layer_norm2', vh),
];

/** The tower's own modules, names relative to the vision transformer (CLIPVisionTransformer / SiglipVisionTransformer). */
export const towerParts: Part<TowerDims>[] = [
  // CLIP's class_embedding is a direct Parameter of the embeddings module.
  { name: 'embeddings', kind: 'Other', in: vh, out: vh, weight: () => 0, other: vh, when: isClip },
  {
    name: 'embeddings.patch_embedding',
    kind: 'Conv2d',
    in: (r) => r.vt.channels,
    out: vh,
    bias: (r) => !isClip(r),
    weight: (r) => r.vt.h * r.vt.channels * r.vt.patch * r.vt.patch,
  },
  {
    name: 'embeddings.position_embedding',
    kind: 'Embedding',
    in: (r) => r.vt.patches + (isClip(r) ? 1 : 0),
    out: vh,
  },
  layerNorm('pre_layrnorm', vh, true, { when: isClip }),
  { path: 'encoder.layers', count: (r: TowerDims) => r.vt.L, modules: encoderLayer },
  layerNorm('post_layernorm', vh),
];
