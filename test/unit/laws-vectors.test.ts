// Every test vector of shared/reference/formulas.md §4.1 (T1–T17), to 4 significant digits.
import * as assert from 'node:assert/strict';
import {
  BESIROGLU,
  CHINCHILLA_ROUNDED,
  CHINCHILLA_UNROUNDED,
  KAPLAN_LR_ZERO_N,
  POWER,
  STEP_LAW_PAPER,
  chinchillaLoss,
  chinchillaOptimum,
  deepSeekAllocation,
  deepSeekBatchTokens,
  deepSeekFlopsPerToken,
  deepSeekLearningRate,
  flopsPerTokenFromParams,
  kaplanCriticalBatchTokens,
  kaplanLearningRate,
  kaplanLossOfParams,
  kaplanLossOfTokens,
  loraScaling,
  porianBatchSequences,
  porianLearningRate,
  powerLearningRate,
  powerSchedulerLearningRate,
  rsLoraScaling,
  stepLawBatchTokens,
  stepLawLearningRate,
  tinkerLoraLearningRate,
} from '../../src/core/laws';

/**
 * Agreement to 4 significant digits: relative error below 5e-4. (Comparing toPrecision(4) strings
 * fails on double rounding, e.g. 4.676471e10 vs the note's 4.6765e10.)
 */
function sig4(actual: number, expected: number, label = ''): void {
  const rel = Math.abs(actual / expected - 1);
  assert.ok(rel < 5e-4, `${label}: ${actual} vs ${expected} (relative error ${rel.toExponential(2)})`);
}

describe('laws: formulas.md §4.1 test vectors', () => {
  it('T1 Step Law, repo means, N 1e9 D 1e11 seq 2048', () => {
    sig4(stepLawLearningRate(1e9, 1e11), 1.662379e-3, 'η');
    sig4(stepLawBatchTokens(1e11), 1.107467e6, 'B tokens');
    sig4(stepLawBatchTokens(1e11) / 2048, 540.76, 'B seqs');
  });

  it('T2 Step Law, paper rounding, N 1e9 D 1e11', () => {
    sig4(stepLawLearningRate(1e9, 1e11, STEP_LAW_PAPER), 1.632499e-3, 'η');
    sig4(stepLawBatchTokens(1e11, STEP_LAW_PAPER), 1.107715e6, 'B');
  });

  it('T3 Step Law README example, N 7e9 D 1.4e12, both constant sets', () => {
    sig4(stepLawLearningRate(7e9, 1.4e12), 9.346841e-4, 'η repo');
    sig4(stepLawBatchTokens(1.4e12), 4.996961e6, 'B repo');
    sig4(stepLawBatchTokens(1.4e12) / 2048, 2439.92, 'B seqs');
    sig4(stepLawLearningRate(7e9, 1.4e12, STEP_LAW_PAPER), 9.165569e-4, 'η paper');
    sig4(stepLawBatchTokens(1.4e12, STEP_LAW_PAPER), 4.998815e6, 'B paper');
  });

  it('T4 Step Law, N 1e8 D 1e10', () => {
    sig4(stepLawLearningRate(1e8, 1e10), 4.228257e-3, 'η');
    sig4(stepLawBatchTokens(1e10), 2.97431e5, 'B');
    sig4(stepLawBatchTokens(1e10) / 2048, 145.23, 'B seqs');
  });

  it('T5 DeepSeek from C 1e20 / 6e20 / 1e21, and the 1e21 allocation', () => {
    const cases: Array<[number, number, number]> = [
      [1e20, 9.859982e-4, 1.017145e6],
      [6e20, 7.88147e-4, 1.827747e6],
      [1e21, 7.393943e-4, 2.160145e6],
    ];
    for (const [C, lr, B] of cases) {
      sig4(deepSeekLearningRate(C), lr, `η at ${C}`);
      sig4(deepSeekBatchTokens(C), B, `B at ${C}`);
    }
    const a = deepSeekAllocation(1e21);
    sig4(a.flopsPerToken, 1.75616e10, 'M_opt');
    sig4(a.tokens, 5.694921e10, 'D_opt');
  });

  it('T6 DeepSeek 7B: 30 layers, d 4096, seq 4096, 2T tokens', () => {
    const M = deepSeekFlopsPerToken(30, 4096, 4096);
    sig4(M, 4.227858e10, 'M');
    sig4(M * 2e12, 8.455717e22, 'C');
    sig4(deepSeekLearningRate(M * 2e12), 4.246023e-4, 'η');
    sig4(deepSeekBatchTokens(M * 2e12), 9.222608e6, 'B');
    sig4(deepSeekBatchTokens(M * 2e12) / 4096, 2251.6, 'B seqs');
  });

  it('DeepSeek Eq. 2 uses 12·n_layer·d_model·l_seq (not 6): Table 3 rows 352M and 45.1B reproduce', () => {
    assert.equal(deepSeekFlopsPerToken(8, 512, 4096), 352_321_536);
    assert.equal(deepSeekFlopsPerToken(32, 4096, 4096), 45_097_156_608);
    assert.notEqual(Math.round((72 * 8 * 512 ** 2 + 6 * 8 * 512 * 4096) / 1e6), 352);
  });

  it('T7 DeepSeek 67B by Eq. 2: 95 layers, d 8192', () => {
    const C = deepSeekFlopsPerToken(95, 8192, 4096) * 2e12;
    sig4(deepSeekFlopsPerToken(95, 8192, 4096), 4.972767e11, 'M');
    sig4(C, 9.945534e23, 'C');
    sig4(deepSeekLearningRate(C), 3.120129e-4, 'η');
    sig4(deepSeekBatchTokens(C), 2.065413e7, 'B');
    sig4(deepSeekBatchTokens(C) / 4096, 5042.5, 'B seqs');
  });

  it('T7b DeepSeek 67B from its real GQA + FFN 22016 matrices', () => {
    const d = 8192;
    const nonEmbedding = 95 * (2 * d * d + 2 * d * 1024 + 3 * d * 22016);
    const M = flopsPerTokenFromParams(nonEmbedding, 95, d, 4096);
    sig4(M, 4.327263e11, 'M');
    sig4(M * 2e12, 8.654527e23, 'C');
    sig4(deepSeekLearningRate(M * 2e12), 3.174832e-4, 'η');
    sig4(deepSeekBatchTokens(M * 2e12), 1.973582e7, 'B');
    sig4(deepSeekBatchTokens(M * 2e12) / 4096, 4818.3, 'B seqs');
  });

  it('T8 Power law η = β·a·T^b, a 4.6 and a 4, and the paper example', () => {
    const cases: Array<[number, number, number, number]> = [
      [256, 1e11, 2.890665e-3, 2.513622e-3],
      [1024, 1e12, 3.573204e-3, 3.107134e-3],
      [128, 1e9, 1.513449e-2, 1.316043e-2],
    ];
    for (const [beta, T, wsd, sched] of cases) {
      sig4(powerLearningRate(beta, T), wsd, `a 4.6 β ${beta}`);
      sig4(powerLearningRate(beta, T, POWER.schedulerA), sched, `a 4 β ${beta}`);
      sig4(powerSchedulerLearningRate(beta, T), Math.min(0.02, sched), `scheduler β ${beta}`);
    }
    sig4(powerLearningRate(1024, 1e13), 1.104226e-3, 'paper example');
    assert.equal(powerSchedulerLearningRate(1024, 1e6), 0.02, 'capped at η_max');
  });

  it('T9 Kaplan LR(N) with the natural log, zero at 1.2126e10', () => {
    const cases: Array<[number, number]> = [
      [1e8, 6.69315e-4],
      [1e9, 3.481044e-4],
      [1.5e9, 2.91542e-4],
      [1e10, 2.68938e-5],
    ];
    for (const [N, lr] of cases) sig4(kaplanLearningRate(N), lr, `N ${N}`);
    sig4(KAPLAN_LR_ZERO_N, 1.2126e10, 'zero');
    assert.notEqual(Number(kaplanLearningRate(1e8).toPrecision(4)), 2.123e-3, 'not the log10 misreading');
  });

  it('T10 Kaplan B_crit(L) in tokens, L(N), L(D)', () => {
    sig4(kaplanCriticalBatchTokens(3.0), 1.069114e6, 'L 3');
    sig4(kaplanCriticalBatchTokens(2.5), 2.547285e6, 'L 2.5');
    sig4(kaplanCriticalBatchTokens(2.0), 7.371465e6, 'L 2');
    sig4(kaplanLossOfParams(1e9), 2.37564, 'L(N)');
    sig4(kaplanLossOfTokens(1e11), 1.81793, 'L(D)');
  });

  it('T11 Chinchilla loss with rounded constants', () => {
    sig4(chinchillaLoss(1e9, 1e11, CHINCHILLA_ROUNDED), 2.38556);
    sig4(chinchillaLoss(7e10, 1.4e12, CHINCHILLA_ROUNDED), 1.93665);
  });

  it('T12 Chinchilla Approach-3 optimum, rounded and unrounded', () => {
    const small = chinchillaOptimum(6e20, CHINCHILLA_ROUNDED);
    sig4(small.params, 1.4484e9, 'N 6e20');
    sig4(small.tokens, 6.9042e10, 'D 6e20');
    sig4(small.tokensPerParam, 47.67, 'D/N 6e20');
    const gopher = chinchillaOptimum(5.76e23, CHINCHILLA_ROUNDED);
    sig4(gopher.params, 3.219e10, 'N Gopher');
    sig4(gopher.tokens, 2.9823e12, 'D Gopher');
    sig4(gopher.tokensPerParam, 92.65, 'D/N Gopher');
    sig4(gopher.a, 0.4516, 'a');
    sig4(gopher.G, 1.34471, 'G');
    const unrounded = chinchillaOptimum(5.76e23, CHINCHILLA_UNROUNDED);
    sig4(unrounded.params, 4.0361e10, 'N unrounded');
    sig4(unrounded.tokensPerParam, 58.93, 'D/N unrounded');
    sig4(unrounded.a, 0.45653, 'a unrounded');
  });

  it('T13 Besiroglu loss (the note used the quoted E 1.8172; the released notebook has 1.8169)', () => {
    const quoted = { ...BESIROGLU, E: 1.8172 };
    assert.ok(Math.abs(chinchillaLoss(1e9, 1e11, quoted) - 2.37178) < 5e-6);
    assert.ok(Math.abs(chinchillaLoss(7e10, 1.4e12, quoted) - 1.97388) < 5e-6);
    sig4(chinchillaLoss(1e9, 1e11, BESIROGLU), 2.37178);
    assert.ok(
      Math.abs(chinchillaLoss(1e9, 1e11, quoted) - chinchillaLoss(1e9, 1e11, BESIROGLU) - 3e-4) < 1e-12,
    );
  });

  it('T14 Besiroglu optimum', () => {
    const small = chinchillaOptimum(6e20, BESIROGLU);
    sig4(small.params, 2.1384e9, 'N 6e20');
    sig4(small.tokens, 4.6765e10, 'D 6e20');
    sig4(small.tokensPerParam, 21.87, 'D/N 6e20');
    const gopher = chinchillaOptimum(5.76e23, BESIROGLU);
    sig4(gopher.params, 7.2249e10, 'N Gopher');
    sig4(gopher.tokens, 1.3287e12, 'D Gopher');
    sig4(gopher.tokensPerParam, 18.39, 'D/N Gopher');
    sig4(gopher.a, 0.5126, 'a');
    sig4(gopher.G, 0.11963, 'G');
  });

  it('T15 tinker-cookbook LoRA LR (full fine-tuning = /10)', () => {
    sig4(tinkerLoraLearningRate(4096, 'llama'), 2.856415e-4, 'Llama 4096');
    sig4(tinkerLoraLearningRate(2048, 'llama'), 4.908239e-4, 'Llama 2048');
    sig4(tinkerLoraLearningRate(8192, 'llama'), 1.662329e-4, 'Llama 8192');
    sig4(tinkerLoraLearningRate(4096, 'qwen'), 4.729791e-4, 'Qwen 4096');
  });

  it('T16 LoRA α/r and rsLoRA α/√r', () => {
    const cases: Array<[number, number, number, number]> = [
      [16, 64, 0.25, 2.0],
      [16, 8, 2.0, 5.656854],
      [32, 256, 0.125, 2.0],
    ];
    for (const [alpha, r, plain, rs] of cases) {
      sig4(loraScaling(alpha, r), plain, `α/r ${alpha}/${r}`);
      sig4(rsLoraScaling(alpha, r), rs, `α/√r ${alpha}/${r}`);
    }
  });

  it('T17 Porian rounded fits', () => {
    const cases: Array<[number, number, number]> = [
      [1.08e8, 160, 4.7e-3],
      [1e9, 705.512, 2.238235e-3],
      [7e9, 2581.68, 1.170055e-3],
    ];
    for (const [N, B, lr] of cases) {
      sig4(porianBatchSequences(N), B, `B* ${N}`);
      sig4(porianLearningRate(N), lr, `η* ${N}`);
    }
  });
});
