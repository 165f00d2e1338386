// Idefics3 and SmolVLM (Idefics3ForConditionalGeneration, SmolVLMForConditionalGeneration): a SigLIP-style
// vision transformer, a connector (pixel shuffle, then one bias-free Linear) and a Llama text model.
// Shapes read from transformers v4.57.6 modeling_idefics3.py: Idefics3VisionEmbeddings (:121-132
// patch_embedding Conv2d with bias, position_embedding Embedding((image // patch)^2, h)), encoder layers
// k/v/q/out_proj with bias, layer_norm1, mlp.fc1/fc2, layer_norm2 (:211-214, :264-265, :290-293),
// post_layernorm (:466); Idefics3SimpleMLP (:274-279) proj = Linear(vision h * scale_factor^2, text h,
// bias=False) under connector.modality_projection (:394); Idefics3Model (:530-532) vision_model,
// connector, text_model = AutoModel.from_config(text_config); lm_head (:770). modeling_smolvlm.py has
// the same modules (:119-130, :206-209, :258-259, :272-275, :445, :455, :490-492, :772). The names
// are the same from 4.47 to 5.x (model.vision_model / model.connector / model.text_model, lm_head).
// Tying: 4.x ties lm_head when the text config says so (modeling_utils.py:2994 reads
// get_text_config(decoder=True).tie_word_embeddings; LlamaConfig's default False); 5.x reads the
// top-level tie_word_embeddings only (modeling_utils.py get_expanded_tied_weights_keys, default False in
// Idefics3Config / SmolVLMConfig; read at 5.17.0, the release the registry serves nearest 5.12.1).
// Defaults: Idefics3VisionConfig / SmolVLMVisionConfig hidden 1152, intermediate 3072, 12 layers,
// image 224, patch 32, 3 channels (configuration_idefics3.py:81-87); scale_factor 2 (:157). SmolVLM counts
// equal real PEFT on 4.57.6 and 5.17.0 (test/data/oracle/local/vlm-idefics3-*).
import { bool, int, UnsupportedModelError } from '../config';
import { linear } from '../tpl';
import type { Family, HfConfig, Part } from '../types';
import { LLAMA } from './llama';
import { atLeast, type TransformersRelease } from '../../transformers-version';
import { scoped, subConfig } from './vlm-common';
import { towerParts, type TowerDims, type VisionTower } from './vlm-towers';
import { textParts, UNVERIFIED } from './vlm-llava';

interface IdeficsDims extends TowerDims {
  scale: number;
  /** tie_word_embeddings of the text config (4.x) and of the top-level config (5.x). */
  textTie: boolean;
  topTie: boolean;
}

function resolveVision(vc: HfConfig): VisionTower {
  const image = int(vc, 'image_size', 224);
  const patch = int(vc, 'patch_size', 32);
  if (patch <= 0) throw new UnsupportedModelError('vision_config.patch_size must be positive');
  const side = Math.floor(image / patch);
  return {
    kind: 'siglip',
    h: int(vc, 'hidden_size', 1152),
    ff: int(vc, 'intermediate_size', 3072),
    L: int(vc, 'num_hidden_layers', 12),
    channels: int(vc, 'num_channels', 3),
    patch,
    patches: side * side,
  };
}

/** Idefics3Config / SmolVLMConfig build CONFIG_MAPPING[text_config.model_type], "llama" when absent
 * (v4.57.6 configuration_idefics3.py:174-178, configuration_smolvlm.py:180-184). */
function textTypeOf(cfg: HfConfig): string {
  const tc = subConfig(cfg, 'text_config');
  return typeof tc.model_type === 'string' ? tc.model_type : 'llama';
}

function resolveIdefics3(cfg: HfConfig, numLabels: number): IdeficsDims {
  const tc = subConfig(cfg, 'text_config');
  const textType = textTypeOf(cfg);
  if (textType !== 'llama')
    throw new UnsupportedModelError(
      `Idefics3 / SmolVLM with a "${textType}" text model is not modelled (llama is)`,
    );
  const r = LLAMA.resolve(tc, numLabels);
  const topTie = bool(cfg, 'tie_word_embeddings', false);
  return {
    ...r,
    layout: 'nested',
    vt: resolveVision(subConfig(cfg, 'vision_config')),
    scale: int(cfg, 'scale_factor', 2),
    textTie: r.tie,
    topTie,
  };
}

const h = (r: IdeficsDims) => r.h;
const backbone: Part<IdeficsDims>[] = [
  ...scoped(towerParts as unknown as Part<IdeficsDims>[], 'model.vision_model.', () => true),
  linear<IdeficsDims>('model.connector.modality_projection.proj', (r) => r.vt.h * r.scale * r.scale, h),
  ...scoped(textParts(LLAMA) as unknown as Part<IdeficsDims>[], 'model.text_model.', () => true),
  linear<IdeficsDims>('lm_head', h, (r) => r.V, false, {
    tie: 'model.text_model.embed_tokens',
    tieWhen: (r) => r.tie,
    output: true,
  }),
];

function family(type: string, cls: string, since: [number, number], checked: boolean): Family<IdeficsDims> {
  const head = { cls: `${cls}ForConditionalGeneration`, prefix: '' };
  return {
    types: [type],
    // SmolVLM is in the local oracle (test/data/oracle/local/vlm-idefics3-*); Idefics3 shares its tree.
    unverified: checked ? undefined : `${head.cls} ${UNVERIFIED}`,
    resolve: resolveIdefics3,
    textType: textTypeOf,
    backbone,
    heads: { causal_lm: head, seq2seq_lm: head },
    atRelease: (r: IdeficsDims, release: TransformersRelease): IdeficsDims => {
      if (!atLeast(release, since[0], since[1]))
        throw new UnsupportedModelError(`${head.cls} first appeared in transformers ${since.join('.')}`);
      return { ...r, tie: release.v5 ? r.topTie : r.textTie };
    },
  };
}

export const IDEFICS3 = family('idefics3', 'Idefics3', [4, 46], false);
export const SMOLVLM = family('smolvlm', 'SmolVLM', [4, 50], true);
