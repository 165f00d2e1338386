// Where tests find data: `test/data/` (in the repository, always present) or `../shared/` (reference
// material beside the repository: CI has it, a fresh clone does not). Every test reaches data through
// this module, so `npm test` on a fresh clone runs green and says in one line what it skipped.
//
// Usage (unit and host tests):
//   import { describeWithShared, itWithShared, readTestJson, testData } from '../support/shared';
//
//   // Facts every run needs (the PEFT oracle...): copied into test/data, read at any time.
//   const cases = readTestJson<OracleCase[]>('oracle/cases.json');
//   const file = testData('oracle/transformers/cases-5.12.1.json');
//
//   // A suite over ../shared/<rel>: when absent it registers one pending test titled
//   // "skipped: ../shared/corpus not present (CI has it)" and never calls the body.
//   describeWithShared('corpus', 'corpus: real configs', (corpus) => {
//     const files = corpusFiles(corpus); // read inside the body, never at module top level
//     it('has real files', () => assert.ok(files.length > 300));
//   });
//
//   // One test over one shared file, inside an ordinary describe:
//   itWithShared('corpus/real/axolotl/examples/llama-3/qlora-fsdp-70b.yaml', 'FSDP over 8 GPUs', (file) => { ... });
//
//   // Anything else: sharedPath(rel) is the absolute path, or undefined when absent.
//
// Never `readFileSync('../shared/…')` at a module's top level: a missing folder must skip, not crash.
// MLCONFIG_SHARED=/path overrides where shared/ is looked for.
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The repository root (compiled files sit in out/test/<layer>/, three levels below it). */
export const REPO_ROOT = resolve(__dirname, '../../..');

/** test/data in the repository. */
export const TEST_DATA = join(REPO_ROOT, 'test/data');

const SHARED_ROOT = process.env.MLCONFIG_SHARED
  ? resolve(process.env.MLCONFIG_SHARED)
  : resolve(REPO_ROOT, '../shared');

/** Absolute path of test/data/<rel>; throws when missing (test/data is part of the repository). */
export function testData(rel: string): string {
  const p = join(TEST_DATA, rel);
  if (!existsSync(p)) throw new Error(`test data missing: test/data/${rel}`);
  return p;
}

/** Parses test/data/<rel> as JSON. */
export function readTestJson<T>(rel: string): T {
  return JSON.parse(readFileSync(testData(rel), 'utf8')) as T;
}

/** Absolute path of ../shared/<rel>, or undefined when it is not there. */
export function sharedPath(rel: string): string | undefined {
  const p = join(SHARED_ROOT, rel);
  return existsSync(p) ? p : undefined;
}

/** The title of the one pending test a skipped suite shows. */
export function skipLine(rel: string): string {
  return `skipped: ../shared/${rel} not present (CI has it)`;
}

/** describe() whose body gets the path of ../shared/<rel>; one pending line instead when absent. */
export function describeWithShared(rel: string, title: string, body: (path: string) => void): void {
  const p = sharedPath(rel);
  describe(title, function () {
    if (p === undefined) it(skipLine(rel));
    else body(p);
  });
}

/** it() whose test gets the path of ../shared/<rel>; pending with the skip line when absent. */
export function itWithShared(rel: string, title: string, fn: (path: string) => void | Promise<void>): void {
  const p = sharedPath(rel);
  if (p === undefined) it(`${title} — ${skipLine(rel)}`);
  else it(title, () => fn(p));
}
