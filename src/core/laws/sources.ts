// The papers and posts the recommender cites: one table, so every number shown can name its source.
import type { Source } from './types';

function arxiv(id: string, title: string): Source {
  return { title, arxiv: id, url: `https://arxiv.org/abs/${id}` };
}

export const SOURCES = {
  stepLaw: arxiv(
    '2503.04715',
    'Predictable Scale: Part I — Optimal Hyperparameter Scaling Law in Large Language Model Pretraining (Li et al., 2025)',
  ),
  deepSeek: arxiv(
    '2401.02954',
    'DeepSeek LLM: Scaling Open-Source Language Models with Longtermism (DeepSeek-AI, 2024)',
  ),
  power: arxiv(
    '2408.13359',
    'Power Scheduler: A Batch Size and Token Number Agnostic Learning Rate Scheduler (Shen et al., 2024)',
  ),
  kaplan: arxiv('2001.08361', 'Scaling Laws for Neural Language Models (Kaplan et al., 2020)'),
  porian: arxiv(
    '2406.19146',
    'Resolving Discrepancies in Compute-Optimal Scaling of Language Models (Porian et al., 2024)',
  ),
  chinchilla: arxiv('2203.15556', 'Training Compute-Optimal Large Language Models (Hoffmann et al., 2022)'),
  besiroglu: arxiv('2404.10102', 'Chinchilla Scaling: A replication attempt (Besiroglu et al., 2024)'),
  muP: arxiv(
    '2203.03466',
    'Tensor Programs V: Tuning Large Neural Networks via Zero-Shot Hyperparameter Transfer (Yang et al., 2022)',
  ),
  lora: arxiv('2106.09685', 'LoRA: Low-Rank Adaptation of Large Language Models (Hu et al., 2021)'),
  qlora: arxiv('2305.14314', 'QLoRA: Efficient Finetuning of Quantized LLMs (Dettmers et al., 2023)'),
  loraPlus: arxiv('2402.12354', 'LoRA+: Efficient Low Rank Adaptation of Large Models (Hayou et al., 2024)'),
  rsLora: arxiv(
    '2312.03732',
    'A Rank Stabilization Scaling Factor for Fine-Tuning with LoRA (Kalajdzievski, 2023)',
  ),
  biderman: arxiv('2405.09673', 'LoRA Learns Less and Forgets Less (Biderman et al., 2024)'),
  loraWithoutRegret: {
    title: 'LoRA Without Regret (Schulman and Thinking Machines Lab, Connectionism blog)',
    arxiv: null,
    url: 'https://thinkingmachines.ai/blog/lora/',
    version: '2025-09-29 post; LR formula from tinker-cookbook hyperparam_utils.get_lr as of 2025-11-10',
  },
  rewarm: arxiv(
    '2308.04014',
    'Continual Pre-Training of Large Language Models: How to (re)warm your model? (Gupta et al., 2023)',
  ),
} satisfies Record<string, Source>;
