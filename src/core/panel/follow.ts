// What the panel shows for the file it follows, decided without VS Code. The worker releases a file's
// results when the file closes, so the panel keeps its own copy of the newest analysis, and a file
// that closed before the worker's first answer is analysed from its saved text. The default model
// appears only with a note that says so, never in place of a file's own values without a word.
import type { ConfigAnalysis } from '../analysis';

/** The text an analysis of the followed file was made from. */
export type AnalysedText = 'editor' | 'disk' | 'last-text';

export interface FollowedFile {
  closed: boolean;
  /** The worker's newest analysis of the open file (none before its first answer, none once closed). */
  live?: ConfigAnalysis;
  /** The panel's own copy of the file's newest analysis, and the text it was made from. */
  kept?: { analysis: ConfigAnalysis; from: AnalysedText };
  /** The last attempt (the worker on the open file, or the read of the closed file) gave no analysis. */
  failed?: boolean;
}

export interface PanelSeed {
  /** The analysis the controls take their values from; undefined: the default model, and `note` says so. */
  analysis?: ConfigAnalysis;
  /** What the header says after the file's name: undefined while the file is open and analysed. */
  note?: string;
  /** Nothing to show yet: the worker's first answer, or the closed file's analysis, is on its way. */
  wait: boolean;
  /** The closed file's saved text has not been analysed since it closed: read and analyse it. */
  readFile: boolean;
}

const FROM: Record<AnalysedText, string> = {
  editor: 'values from its last analysis in the editor',
  disk: 'values from the file on disk',
  'last-text': 'values from its last text (the file on disk could not be read)',
};

export const NOT_ANALYSED_NOTE = 'not analysed (see the warning on the file): default values';
export const CLOSED_NOT_ANALYSED_NOTE = 'closed and not analysed: default values';

export const closedNote = (from: AnalysedText): string => `closed; ${FROM[from]}`;

export function panelSeed(f: FollowedFile): PanelSeed {
  if (!f.closed) {
    if (f.live) return { analysis: f.live, wait: false, readFile: false };
    return f.failed
      ? { note: NOT_ANALYSED_NOTE, wait: false, readFile: false }
      : { wait: true, readFile: false };
  }
  // Closed: what the editor showed may hold edits the user discarded, so the saved text decides.
  const readFile = !f.failed && (!f.kept || f.kept.from === 'editor');
  if (f.kept) return { analysis: f.kept.analysis, note: closedNote(f.kept.from), wait: false, readFile };
  return f.failed
    ? { note: CLOSED_NOT_ANALYSED_NOTE, wait: false, readFile: false }
    : { wait: true, readFile: true };
}

/** The panel's copy after a look at the file: the live analysis replaces what it kept while the file is open. */
export function keepLive(f: FollowedFile): FollowedFile['kept'] {
  return !f.closed && f.live ? { analysis: f.live, from: 'editor' } : f.kept;
}
