// MPT (model_type mpt) as transformers builds it natively (v5.17.0 models/mpt/modeling_mpt.py; the same tree in
// v4.57.6): transformer.wte, blocks.{i}.{norm_1, attn.Wqkv, attn.out_proj, norm_2, ffn.up_proj, ffn.down_proj},
// norm_f. No Linear has a bias and every LayerNorm drops its bias ("backward compatibility with weights on
// the Hub", :163-172, :238-240). The MLP is 4 * d_model wide whatever expansion_ratio says (:142-144).
import { bool, div, int, requirePositive } from '../config';
import { embedding, layerNorm, linear } from '../tpl';
import type { BaseDims, Family, ModTpl } from '../types';
import { decoderHeads } from './common';

type T = ModTpl<BaseDims>;
const h = (r: BaseDims) => r.h;
const noBiasNorm = (name: string): T => layerNorm(name, h, false);

const block: T[] = [
  noBiasNorm('norm_1'),
  linear('attn.Wqkv', h, (r) => 3 * r.h),
  linear('attn.out_proj', h, h),
  noBiasNorm('norm_2'),
  linear('ffn.up_proj', h, (r) => 4 * r.h),
  linear('ffn.down_proj', (r) => 4 * r.h, h),
];

/**
 * Config names per MptConfig.attribute_map (configuration_mpt.py:113-117 in v5.17.0): d_model, n_heads,
 * n_layers; defaults :119-137 (d_model 2048, 16 heads, 24 layers, vocab 50368, tied embeddings).
 * Task heads (:368-374, :463-468, :582-595, :671-675): lm_head tied to wte, score without bias, classifier
 * and qa_outputs with bias, all over `transformer`.
 */
export const MPT: Family<BaseDims> = {
  types: ['mpt'],
  resolve: (cfg, numLabels) => {
    const hs = int(cfg, ['d_model', 'hidden_size'], 2048);
    const nh = int(cfg, ['n_heads', 'num_attention_heads'], 16);
    const r: BaseDims = {
      h: hs,
      nh,
      nkv: nh,
      hd: div(hs, nh, 'head_dim = d_model // n_heads'),
      L: int(cfg, ['n_layers', 'num_hidden_layers'], 24),
      V: int(cfg, 'vocab_size', 50368),
      tie: bool(cfg, 'tie_word_embeddings', true),
      numLabels,
      encDec: false,
      flags: {},
    };
    requirePositive({ d_model: hs, n_heads: nh, vocab_size: r.V });
    return r;
  },
  backbone: [
    embedding('wte', (r) => r.V, h),
    { path: 'blocks', count: (r) => r.L, modules: block },
    noBiasNorm('norm_f'),
  ],
  heads: decoderHeads<BaseDims>('Mpt', 'wte', { prefix: 'transformer.', tokenName: 'classifier' }),
};
