// Axolotl ledger rules: the config validators of the cut_cross_entropy, diffusion and expert_parallel
// plugins (integrations/*/args.py at 067b021, Axolotl 0.18.0); kernels and liger etc. follow in
// their own files. A plugin's args and validators load only when it is listed under `plugins:`, so
// each rule first checks the listing.
import type { CrossFieldRule } from './ruleKit';
import { axRule, given, hit, num, obj, pluginListed, setFix, truthy } from './rulesAxolotlLedgerKit';

const I = 'integrations/';

export const AXOLOTL_LEDGER_RULES_5: readonly CrossFieldRule[] = [
  axRule('ax-cce-needs-half', 'error', `${I}cut_cross_entropy/args.py:39`, (c) =>
    pluginListed(c, 'CutCrossEntropyPlugin') &&
    truthy(c.cut_cross_entropy) &&
    !(truthy(c.bf16) || truthy(c.fp16))
      ? hit(
          ['cut_cross_entropy'],
          'key',
          'Axolotl raises: "Cut Cross Entropy requires fp16/bf16 training for backward pass. Please set `bf16` or `fp16` to `True`."',
        )
      : undefined,
  ),
  axRule('ax-cce-chunked', 'error', `${I}cut_cross_entropy/args.py:50`, (c) =>
    pluginListed(c, 'CutCrossEntropyPlugin') && truthy(c.chunked_cross_entropy)
      ? hit(
          ['chunked_cross_entropy'],
          'key',
          'Axolotl raises: "Cut Cross Entropy does not support chunked cross entropy."',
          setFix('chunked_cross_entropy', 'false'),
        )
      : undefined,
  ),
  axRule('ax-diffusion-mask-ratios', 'error', `${I}diffusion/args.py:85`, (c) => {
    const d = obj(c.diffusion);
    return pluginListed(c, 'DiffusionPlugin') && num(d.min_mask_ratio, 0.1) > num(d.max_mask_ratio, 0.9)
      ? hit(['diffusion'], 'key', 'Axolotl raises: "min_mask_ratio must be ≤ max_mask_ratio".')
      : undefined;
  }),
  axRule('ax-expert-parallel-sizes', 'error', `${I}expert_parallel/args.py:42`, (c) => {
    if (!pluginListed(c, 'ExpertParallelPlugin')) return undefined;
    if (num(c.expert_parallel_size, 1) < 1)
      return hit(
        ['expert_parallel_size'],
        'value',
        'Axolotl raises: "expert_parallel_size must be >= 1". Use 1 to disable EP.',
      );
    return given(c.expert_parallel_token_capacity) && num(c.expert_parallel_token_capacity, 1) < 1
      ? hit(
          ['expert_parallel_token_capacity'],
          'value',
          'Axolotl raises: "expert_parallel_token_capacity must be >= 1 when set". Use null to disable the cap.',
        )
      : undefined;
  }),
  axRule('ax-expert-parallel-rdma', 'warning', `${I}expert_parallel/args.py:57`, (c) =>
    pluginListed(c, 'ExpertParallelPlugin') &&
    num(c.expert_parallel_size, 1) > 1 &&
    num(c.expert_parallel_num_rdma_bytes, 0) !== 0
      ? hit(
          ['expert_parallel_num_rdma_bytes'],
          'value',
          'Axolotl warns: the RDMA path requires Hopper + IBGDA-capable InfiniBand; it will fail on Ampere or within one node.',
        )
      : undefined,
  ),
];
