// AdapterHub (adapter-hub/adapters) adapter_config.json: bottleneck adapters, no peft_type.
import { mapAdapterHub } from '../estimator-input/peft';
import type { DialectPlugin, SniffedKeys } from './types';

const BOTTLENECK_KEYS = [
  'reduction_factor',
  'non_linearity',
  'mh_adapter',
  'output_adapter',
  'adapter_residual_before_ln',
];

export function looksLikeAdapterHub(k: SniffedKeys): boolean {
  if (k.any.has('peft_type')) return false;
  return (
    BOTTLENECK_KEYS.some((x) => k.any.has(x)) ||
    (k.top.has('config') && (k.top.has('model_class') || k.top.has('hidden_size')))
  );
}

export const adapterhub: DialectPlugin<'adapterhub'> = {
  id: 'adapterhub',
  label: 'AdapterHub adapter config',
  detect: {
    fileNames: ['adapter_config.json'],
    certain: { test: looksLikeAdapterHub, reason: 'content: AdapterHub bottleneck adapter keys' },
  },
  schemaId: 'adapterhub',
  loader: 'json',
  toEstimatorInput: mapAdapterHub,
  applyKeys: {},
  rules: [],
  snippetPrefix: 'mlc-adapterhub-',
};
