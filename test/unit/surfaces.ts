// The three surfaces as a test sees them, each through the core functions it calls in the product:
// the CLI's `estimate --json` (src/cli/estimate run), the editor's analysis (DocumentInsights →
// analyzeConfigText with the document's dialect and a resolver rooted at the file's folder) and the
// panel's computed model (seedInputs + computePanelModel, the model resolved as the panel does).
import { readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname } from 'node:path';
import { run as runEstimate } from '../../src/cli/estimate';
import { analyzeConfigText, type ConfigAnalysis } from '../../src/core/analysis';
import { detectDialect } from '../../src/core/dialects';
import { resolveModelLocal } from '../../src/io/resolve';
import { seedInputs } from '../../src/core/panel/inputs';
import { computePanelModel } from '../../src/core/panel/model';
import type { PanelModel } from '../../src/core/panel/types';

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

const resolveFrom = (file: string) => (ref: string) =>
  resolveModelLocal(ref, { cwd: dirname(file), env: {}, homeDir: '/nonexistent' });

export function editorAnalysis(file: string): ConfigAnalysis | undefined {
  const text = readFileSync(file, 'utf8');
  const dialect = detectDialect(text, { fileName: file }).dialect;
  return dialect && analyzeConfigText(text, { dialect, fileName: file, resolveModel: resolveFrom(file) });
}

export function panelModel(file: string, analysis = editorAnalysis(file)): PanelModel {
  const inputs = seedInputs({ uri: file, input: analysis?.input });
  const resolved = resolveFrom(file)(inputs.modelRef);
  return computePanelModel(inputs, {
    input: analysis?.input,
    config: analysis?.config,
    ...(resolved
      ? { model: { config: resolved.config, label: resolved.entry?.id ?? resolved.location } }
      : { modelProblem: 'not found' }),
  });
}

export const home = homedir();
