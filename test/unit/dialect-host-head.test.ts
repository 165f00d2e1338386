// Dialect detection on the editor's host thread (issue 11): detectDialectInHead reads at most the
// whole lines of the first HOST_DETECT_CHARS characters, and answers as detectDialect for any shorter text.
import * as assert from 'node:assert/strict';
import { detectDialect, detectDialectInHead, HOST_DETECT_CHARS } from '../../src/core/dialects';

const axolotlHead = 'base_model: NousResearch/Llama-2-7b-hf\nadapter: lora\nlora_r: 8\nmicro_batch_size: 2\n';
const filler = (chars: number): string => 'x_pad_key: 1\n'.repeat(Math.ceil(chars / 13));

describe('dialects: detection on a bounded head (host thread)', () => {
  it('answers as detectDialect for a text up to the bound', () => {
    const text = axolotlHead + filler(1_000);
    assert.deepEqual(
      detectDialectInHead(text, { fileName: '/w/a.yaml' }),
      detectDialect(text, { fileName: '/w/a.yaml' }),
    );
    assert.equal(detectDialectInHead(text).dialect, 'axolotl');
  });

  it('still reads a modeline and content keys in the head of a big file', () => {
    const big = axolotlHead + filler(HOST_DETECT_CHARS * 10);
    assert.equal(detectDialectInHead(big).dialect, 'axolotl');
    const modeline =
      '# yaml-language-server: $schema=https://x/trl.schema.json\n' + filler(HOST_DETECT_CHARS * 10);
    assert.equal(detectDialectInHead(modeline).reason, 'named by the yaml-language-server modeline');
  });

  it('does not read past the bound: keys only beyond it are not seen', () => {
    const late = filler(HOST_DETECT_CHARS + 100) + axolotlHead;
    assert.equal(detectDialect(late).dialect, 'axolotl');
    assert.equal(detectDialectInHead(late).dialect, undefined);
    assert.equal(
      detectDialectInHead(late, { fileName: '/w/x.yaml', associations: { '**/x.yaml': 'trl' } }).dialect,
      'trl',
    );
  });
});
