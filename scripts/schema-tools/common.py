"""Helpers shared by the schema builders: overlay merge, JSON output, paper table."""
import json

# Papers behind fields (arXiv ids), one table for every dialect built here.
PAPERS = {
    "lora": {"title": "LoRA: Low-Rank Adaptation of Large Language Models", "arxiv": "2106.09685"},
    "qlora": {"title": "QLoRA: Efficient Finetuning of Quantized LLMs", "arxiv": "2305.14314"},
    "dora": {"title": "DoRA: Weight-Decomposed Low-Rank Adaptation", "arxiv": "2402.09353"},
    "rslora": {"title": "A Rank Stabilization Scaling Factor for Fine-Tuning with LoRA", "arxiv": "2312.03732"},
    "loraplus": {"title": "LoRA+: Efficient Low Rank Adaptation of Large Models", "arxiv": "2402.12354"},
    "neftune": {"title": "NEFTune: Noisy Embeddings Improve Instruction Finetuning", "arxiv": "2310.05914"},
    "galore": {"title": "GaLore: Memory-Efficient LLM Training by Gradient Low-Rank Projection", "arxiv": "2403.03507"},
    "apollo": {"title": "APOLLO: SGD-like Memory, AdamW-level Performance", "arxiv": "2412.05270"},
    "badam": {"title": "BAdam: A Memory Efficient Full Parameter Optimization Method for Large Language Models", "arxiv": "2404.02827"},
    "pissa": {"title": "PiSSA: Principal Singular Values and Singular Vectors Adaptation of Large Language Models", "arxiv": "2404.02948"},
    "dpo": {"title": "Direct Preference Optimization: Your Language Model is Secretly a Reward Model", "arxiv": "2305.18290"},
    "kto": {"title": "KTO: Model Alignment as Prospect Theoretic Optimization", "arxiv": "2402.01306"},
    "orpo": {"title": "ORPO: Monolithic Preference Optimization without Reference Model", "arxiv": "2403.07691"},
    "simpo": {"title": "SimPO: Simple Preference Optimization with a Reference-Free Reward", "arxiv": "2405.14734"},
    "ipo": {"title": "A General Theoretical Paradigm to Understand Learning from Human Preferences", "arxiv": "2310.12036"},
    "ppo": {"title": "Proximal Policy Optimization Algorithms", "arxiv": "1707.06347"},
    "grpo": {"title": "DeepSeekMath: Pushing the Limits of Mathematical Reasoning in Open Language Models", "arxiv": "2402.03300"},
    "oft": {"title": "Controlling Text-to-Image Diffusion by Orthogonal Finetuning", "arxiv": "2306.07280"},
    "llama_pro": {"title": "LLaMA Pro: Progressive LLaMA with Block Expansion", "arxiv": "2401.02415"},
    "adam_mini": {"title": "Adam-mini: Use Fewer Learning Rates To Gain More", "arxiv": "2406.16793"},
    "muon": {"title": "Muon is Scalable for LLM Training", "arxiv": "2502.16982"},
    "relora": {"title": "ReLoRA: High-Rank Training Through Low-Rank Updates", "arxiv": "2307.05695"},
    "loftq": {"title": "LoftQ: LoRA-Fine-Tuning-Aware Quantization for Large Language Models", "arxiv": "2310.08659"},
    "lisa": {"title": "LISA: Layerwise Importance Sampling for Memory-Efficient Large Language Model Fine-Tuning", "arxiv": "2403.17919"},
    "adamw": {"title": "Decoupled Weight Decay Regularization", "arxiv": "1711.05101"},
    "grad_ckpt": {"title": "Training Deep Nets with Sublinear Memory Cost", "arxiv": "1604.06174"},
    "flash_attn": {"title": "FlashAttention-2: Faster Attention with Better Parallelism and Work Partitioning", "arxiv": "2307.08691"},
    "longlora": {"title": "LongLoRA: Efficient Fine-tuning of Long-Context Large Language Models", "arxiv": "2309.12307"},
    "dft": {"title": "On the Generalization of SFT: A Reinforcement Learning Perspective with Reward Rectification", "arxiv": "2508.05629"},
    "mixture_of_depths": {"title": "Mixture-of-Depths: Dynamically allocating compute in transformer-based language models", "arxiv": "2404.02258"},
    "spectrum": {"title": "Spectrum: Targeted Training on Signal to Noise Ratio", "arxiv": "2406.06623"},
    "cce": {"title": "Cut Your Losses in Large-Vocabulary Language Models", "arxiv": "2411.09009"},
    "liger": {"title": "Liger Kernel: Efficient Triton Kernels for LLM Training", "arxiv": "2410.10989"},
    "grokfast": {"title": "Grokfast: Accelerated Grokking by Amplifying Slow Gradients", "arxiv": "2405.20233"},
    "zero": {"title": "ZeRO: Memory Optimizations Toward Training Trillion Parameter Models", "arxiv": "1910.02054"},
    "pose": {"title": "PoSE: Efficient Context Window Extension of LLMs via Positional Skip-wise Training", "arxiv": "2309.10400"},
    "rope_yarn": {"title": "YaRN: Efficient Context Window Extension of Large Language Models", "arxiv": "2309.00071"},
    "kd": {"title": "Distilling the Knowledge in a Neural Network", "arxiv": "1503.02531"},
    "mora": {"title": "MoRA: High-Rank Updating for Parameter-Efficient Fine-Tuning", "arxiv": "2405.12130"},
    "ademamix": {"title": "The AdEMAMix Optimizer: Better, Faster, Older", "arxiv": "2409.03137"},
    "schedule_free": {"title": "The Road Less Scheduled", "arxiv": "2405.15682"},
    "lion": {"title": "Symbolic Discovery of Optimization Algorithms", "arxiv": "2302.06675"},
    "label_smoothing": {"title": "Rethinking the Inception Architecture for Computer Vision", "arxiv": "1512.00567"},
    "nucleus": {"title": "The Curious Case of Neural Text Degeneration", "arxiv": "1904.09751"},
}


def apply_overlay(props, overlay):
    """Merge curated per-field entries into generated properties (curated keys win; None deletes)."""
    for name, extra in overlay.items():
        if name not in props:
            raise KeyError(f"overlay names unknown field {name!r}")
        for key, value in extra.items():
            if key == "paper":
                props[name]["x-paper"] = PAPERS[value]
            elif value is None:
                props[name].pop(key, None)
            else:
                props[name][key] = value


def clean_help(text):
    if not isinstance(text, str):
        return None
    return " ".join(text.split())


def write_schema(path, schema):
    with open(path, "w", encoding="utf-8") as fh:
        json.dump(schema, fh, indent=2, ensure_ascii=False)
        fh.write("\n")
