// panelSeed: what the estimator panel shows for the file it follows. A file whose editor closed before
// the worker's first answer must be analysed from its saved text and labelled closed, never replaced
// by the default model without a word (the panel showed Llama-2-7B for a Llama-3.2-1B config).
import * as assert from 'node:assert/strict';
import { analyzeConfigText } from '../../src/core/analysis';
import {
  CLOSED_NOT_ANALYSED_NOTE,
  NOT_ANALYSED_NOTE,
  keepLive,
  panelSeed,
} from '../../src/core/panel/follow';
import { DEFAULT_MODEL_REF, seedInputs } from '../../src/core/panel/inputs';
import { parseHostMessage } from '../../src/core/panel/protocol';
import { defaultInputs } from '../../src/core/panel/inputs';

const TEXT = [
  'base_model: NousResearch/Llama-3.2-1B',
  'adapter: qlora',
  'load_in_4bit: true',
  'lora_r: 16',
  'lora_alpha: 32',
  'sequence_len: 1024',
  'micro_batch_size: 2',
].join('\n');
const SAVED = analyzeConfigText(TEXT, { dialect: 'axolotl', fileName: 'qlora.yml' });
const EDITED = analyzeConfigText(TEXT.replace('lora_r: 16', 'lora_r: 64'), {
  dialect: 'axolotl',
  fileName: 'qlora.yml',
});
const URI = 'file:///w/qlora.yml';

describe('panel: what it shows for the followed file', () => {
  it('waits for the worker on an open file it has no analysis of, instead of showing the default model', () => {
    assert.deepEqual(panelSeed({ closed: false }), { wait: true, readFile: false });
  });

  it("shows an open file's live analysis without a note", () => {
    assert.deepEqual(panelSeed({ closed: false, live: SAVED }), {
      analysis: SAVED,
      wait: false,
      readFile: false,
    });
  });

  it('says so when the worker gave an open file no analysis', () => {
    assert.deepEqual(panelSeed({ closed: false, failed: true }), {
      note: 'not analysed (see the warning on the file): default values',
      wait: false,
      readFile: false,
    });
    assert.equal(NOT_ANALYSED_NOTE, 'not analysed (see the warning on the file): default values');
  });

  it('a file closed before the first answer is read from disk, then shows its own model, labelled closed', () => {
    assert.deepEqual(panelSeed({ closed: true }), { wait: true, readFile: true });
    const seed = panelSeed({ closed: true, kept: { analysis: SAVED, from: 'disk' } });
    assert.deepEqual(seed, {
      analysis: SAVED,
      note: 'closed; values from the file on disk',
      wait: false,
      readFile: false,
    });
    const inputs = seedInputs({ uri: URI, input: seed.analysis?.input });
    assert.equal(inputs.modelRef, 'NousResearch/Llama-3.2-1B');
    assert.notEqual(inputs.modelRef, DEFAULT_MODEL_REF);
    assert.deepEqual([inputs.method, inputs.rank, inputs.alpha], ['QLORA', 16, 32]);
  });

  it('a closed file with unreadable disk text shows the analysis of its last text', () => {
    assert.deepEqual(panelSeed({ closed: true, kept: { analysis: EDITED, from: 'last-text' } }), {
      analysis: EDITED,
      note: 'closed; values from its last text (the file on disk could not be read)',
      wait: false,
      readFile: false,
    });
  });

  it("keeps the editor's analysis of a closed file on screen while its saved text is read", () => {
    assert.deepEqual(panelSeed({ closed: true, kept: { analysis: EDITED, from: 'editor' } }), {
      analysis: EDITED,
      note: 'closed; values from its last analysis in the editor',
      wait: false,
      readFile: true,
    });
    // The read failed: the editor's analysis stays, and no second read is asked for.
    assert.deepEqual(panelSeed({ closed: true, failed: true, kept: { analysis: EDITED, from: 'editor' } }), {
      analysis: EDITED,
      note: 'closed; values from its last analysis in the editor',
      wait: false,
      readFile: false,
    });
  });

  it('a closed file with nothing analysed says so rather than passing the defaults off as its values', () => {
    assert.deepEqual(panelSeed({ closed: true, failed: true }), {
      note: 'closed and not analysed: default values',
      wait: false,
      readFile: false,
    });
    assert.equal(CLOSED_NOT_ANALYSED_NOTE, 'closed and not analysed: default values');
  });

  it("keeps a copy of the open file's live analysis, and leaves a closed file's copy as it was", () => {
    assert.deepEqual(keepLive({ closed: false, live: EDITED }), { analysis: EDITED, from: 'editor' });
    const kept = { analysis: SAVED, from: 'disk' as const };
    assert.equal(keepLive({ closed: true, kept }), kept);
    assert.equal(keepLive({ closed: false }), undefined);
  });

  it('the document message carries the note, and only as a string', () => {
    const msg = {
      type: 'document',
      doc: { uri: URI, name: 'qlora.yml', dialect: 'axolotl', note: 'closed; values from the file on disk' },
      inputs: defaultInputs(),
      applicable: [],
    };
    assert.equal(parseHostMessage(msg).ok, true);
    const bad = parseHostMessage({ ...msg, doc: { ...msg.doc, note: 5 } });
    assert.deepEqual(bad, { ok: false, error: 'document: $.doc.note: expected a string' });
  });
});
