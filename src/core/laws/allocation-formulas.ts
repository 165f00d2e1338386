// Compute-optimal allocation (Chinchilla, arXiv 2203.15556; Besiroglu et al. replication, 2404.10102).
// N counts ALL parameters including embeddings; C ≈ 6·N·D FLOPs; D in tokens.

export interface ChinchillaConstants {
  name: string;
  E: number;
  A: number;
  B: number;
  alpha: number;
  beta: number;
}

/** Hoffmann et al. App. D.2 Eq. 10, as printed (rounded). */
export const CHINCHILLA_ROUNDED: ChinchillaConstants = {
  name: 'Chinchilla Approach 3 (rounded)',
  E: 1.69,
  A: 406.4,
  B: 410.7,
  alpha: 0.34,
  beta: 0.28,
};

/** Unrounded Approach-3 values (paper's TeX source, per Besiroglu et al.); reproduce "40B at the Gopher budget". */
export const CHINCHILLA_UNROUNDED: ChinchillaConstants = {
  name: 'Chinchilla Approach 3 (unrounded)',
  E: 1.69337,
  A: 406.401,
  B: 410.723,
  alpha: 0.33917,
  beta: 0.28491,
};

/** Besiroglu et al. refit (epoch-research/analyzing-chinchilla notebook, Huber-likelihood MLE). */
export const BESIROGLU: ChinchillaConstants = {
  name: 'Besiroglu et al. refit',
  E: 1.8169,
  A: 482.01,
  B: 2085.43,
  alpha: 0.3478,
  beta: 0.3658,
};

/** Chinchilla's rule of thumb: about 20 training tokens per parameter (70B on 1.4T tokens, §4). */
export const CHINCHILLA_TOKENS_PER_PARAM = 20;

/** L(N, D) = E + A/N^α + B/D^β (Eq. 2), nats/token. */
export function chinchillaLoss(params: number, tokens: number, k: ChinchillaConstants): number {
  return k.E + k.A / params ** k.alpha + k.B / tokens ** k.beta;
}

export interface Allocation {
  params: number;
  tokens: number;
  tokensPerParam: number;
  /** Exponent a in N_opt ∝ C^a. */
  a: number;
  G: number;
}

/** Compute-optimal split (Eq. 4): G = (αA/(βB))^(1/(α+β)), N = G·(C/6)^a, D = G⁻¹·(C/6)^b, a = β/(α+β). */
export function chinchillaOptimum(computeFlops: number, k: ChinchillaConstants): Allocation {
  const G = ((k.alpha * k.A) / (k.beta * k.B)) ** (1 / (k.alpha + k.beta));
  const a = k.beta / (k.alpha + k.beta);
  const b = k.alpha / (k.alpha + k.beta);
  const params = G * (computeFlops / 6) ** a;
  const tokens = (computeFlops / 6) ** b / G;
  return { params, tokens, tokensPerParam: tokens / params, a, G };
}
