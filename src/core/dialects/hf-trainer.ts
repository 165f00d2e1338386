// Keys every dialect built on transformers' TrainingArguments spells the same way.
import type { ApplyField, ApplyKey } from './types';

export const HF_TRAINER_APPLY_KEYS: Readonly<Partial<Record<ApplyField, ApplyKey>>> = {
  microBatchSize: { paths: [['per_device_train_batch_size']] },
  gradientAccumulationSteps: { paths: [['gradient_accumulation_steps']] },
  learningRate: { paths: [['learning_rate']] },
};
