// Every snippet, inserted by VS Code's own snippet engine into an empty file of its dialect, leaves
// that file with zero diagnostics.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { closeAllEditors } from './util';

interface Snippet {
  prefix: string;
  body: string[];
}

const ROOT = path.resolve(__dirname, '../../..');
const DIALECT_OF_PREFIX =
  /^mlc-(axolotl|llamafactory|trl|torchtune|peft|adapterhub|deepspeed|accelerate|sweep|merge)-/;
/** Snippet prefixes named after the tool rather than the dialect id. */
const PREFIX_DIALECT: Record<string, string> = { sweep: 'wandb-sweep', merge: 'mergekit' };

function snippets(file: string): Snippet[] {
  return Object.values(
    JSON.parse(fs.readFileSync(path.join(ROOT, 'snippets', file), 'utf8')) as Record<string, Snippet>,
  );
}

describe('snippets in the editor', () => {
  after(closeAllEditors);

  for (const [file, language] of [
    ['yaml.code-snippets', 'yaml'],
    ['json.code-snippets', 'json'],
  ] as const) {
    for (const s of snippets(file)) {
      it(`${s.prefix} (${language}) inserted into an empty file has zero diagnostics`, async () => {
        const named = DIALECT_OF_PREFIX.exec(s.prefix)?.[1];
        const dialect = named && (PREFIX_DIALECT[named] ?? named);
        assert.ok(dialect, `prefix ${s.prefix} names a dialect`);
        const doc = await vscode.workspace.openTextDocument({ language, content: '' });
        const editor = await vscode.window.showTextDocument(doc);
        assert.ok(await editor.insertSnippet(new vscode.SnippetString(s.body.join('\n') + '\n')));
        // Leave snippet mode so the document holds the defaults, as after pressing Escape.
        await vscode.commands.executeCommand('leaveSnippet');
        // Choosing the dialect validates the document at once (no waiting on a timer).
        await vscode.commands.executeCommand('mlConfig.selectDialect', dialect);
        assert.ok(doc.getText().length > 20);
        // The merge snippets' placeholder models (org/…) are in no catalog: each gets one information
        // note that its model-aware checks were skipped; nothing else may be reported.
        const diagnostics = vscode.languages
          .getDiagnostics(doc.uri)
          .filter(
            (d) =>
              !(d.code === 'merge-model-unknown' && d.severity === vscode.DiagnosticSeverity.Information),
          )
          .map((d) => `${d.code}: ${d.message}`);
        assert.deepEqual(diagnostics, []);
        // Control: the same file made unparseable does get a diagnostic, so the check above can fail.
        await editor.edit((b) =>
          b.insert(doc.positionAt(doc.getText().length), language === 'yaml' ? 'broken: [\n' : '\n,,\n'),
        );
        await vscode.commands.executeCommand('mlConfig.selectDialect', dialect);
        assert.ok(vscode.languages.getDiagnostics(doc.uri).length > 0, 'a broken file gets a diagnostic');
        await vscode.commands.executeCommand('workbench.action.revertAndCloseActiveEditor');
      });
    }
  }
});
