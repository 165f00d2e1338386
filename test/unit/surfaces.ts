// The three surfaces as a test sees them, each through the core functions it calls in the product:
// the CLI's `estimate --json` (src/cli/estimate run), the editor's analysis (the worker's entry
// runDocument with its linked-file reader and a resolver rooted at the file's folder) and the
// panel's computed model (seedInputs, then the worker's answer to the panel's query).
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname } from 'node:path';
import { run as runEstimate } from '../../src/cli/estimate';
import type { ConfigAnalysis } from '../../src/core/analysis';
import { runDocument } from '../../src/vscode/worker/entry';
import { linkedFileReader } from '../../src/vscode/worker/resolver';
import type { ModelSettings } from '../../src/vscode/worker/protocol';
import { resolveModelLocal } from '../../src/io/resolve';
import { seedInputs } from '../../src/core/panel/inputs';
import { answerQuery } from '../../src/vscode/worker/queries';
import type { PanelInputs, PanelModel } from '../../src/core/panel/types';

export async function cliJson(
  args: string[],
): Promise<{ code: number; json?: Record<string, unknown>; err: string }> {
  const out: string[] = [];
  const err: string[] = [];
  const [log, error] = [console.log, console.error];
  console.log = (...a: unknown[]) => void out.push(a.join(' '));
  console.error = (...a: unknown[]) => void err.push(a.join(' '));
  try {
    const code = await runEstimate([...args, '--json']);
    return { code, json: code === 0 ? JSON.parse(out.join('\n')) : undefined, err: err.join('\n') };
  } finally {
    [console.log, console.error] = [log, error];
  }
}

/** A workspace whose one folder is `root` (the file's own by default), with no Hugging Face cache. */
const modelsFor = (file: string, root = dirname(file)): ModelSettings => ({
  cwd: dirname(file),
  homeDir: '/nonexistent',
  env: {},
  allowNetwork: false,
  known: {},
  roots: [root],
});

const resolveFrom = (file: string) => (ref: string) =>
  resolveModelLocal(ref, { cwd: dirname(file), env: {}, homeDir: '/nonexistent' });

/** The editor's analysis of a file in a workspace whose one folder is the file's own. */
export function editorAnalysis(file: string): ConfigAnalysis | undefined {
  const text = readFileSync(file, 'utf8');
  const models = modelsFor(file);
  const settings = {
    validationEnabled: true,
    associations: {},
    maxDiagnostics: 100,
    frameworkVersions: {},
    maxAnalysedChars: 250_000,
    models,
  };
  const req = { kind: 'document' as const, id: 1, uri: file, version: 1, text, fileName: file, settings };
  return runDocument(req, resolveFrom(file), undefined, linkedFileReader(models)).analysis;
}

export function panelModel(
  file: string,
  analysis = editorAnalysis(file),
  training: Partial<PanelInputs['training']> = {},
  workspace = dirname(file),
): PanelModel {
  const seeded = seedInputs({ uri: file, input: analysis?.input });
  const inputs = { ...seeded, training: { ...seeded.training, ...training } };
  // The panel's query as the worker answers it (src/vscode/worker/queries.ts).
  const a = answerQuery({
    kind: 'query',
    id: 1,
    what: 'panel',
    inputs,
    analysis,
    models: modelsFor(file, workspace),
  });
  if (a.what !== 'panel') throw new Error(`expected a panel answer, got ${a.what}`);
  return a.model;
}

export const home = homedir();
