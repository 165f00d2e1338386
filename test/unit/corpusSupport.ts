// Shared by the corpus test and test/corpus/update-expected.mjs: which real files we validate and
// under which of our dialect ids.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DialectId } from '../../src/core/dialects';

export interface CorpusFile {
  path: string;
  dialect: string;
}

/** Corpus dialect names -> ours; dialects ML Config Lens does not cover map to undefined. */
const DIALECT_MAP: Record<string, DialectId | undefined> = {
  axolotl: 'axolotl',
  llamafactory: 'llamafactory',
  'llamafactory-v1': 'llamafactory-v1',
  trl: 'trl',
  'peft-adapter-config': 'peft',
  adapterhub: 'adapterhub',
  torchtune: 'torchtune',
  accelerate: 'accelerate',
};

export function dialectOf(corpusDialect: string): DialectId | undefined {
  return DIALECT_MAP[corpusDialect];
}

export function corpusFiles(corpus: string): CorpusFile[] {
  return JSON.parse(readFileSync(join(corpus, 'files.json'), 'utf8')) as CorpusFile[];
}

export function lineOf(text: string, offset: number): number {
  let n = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) n++;
  return n;
}
