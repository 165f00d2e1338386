// The architecture rule: src/core never imports `vscode`. This runs the project's real ESLint
// config on probe sources placed (virtually) under src/core and src/vscode.
import * as assert from 'node:assert/strict';
import { resolve } from 'node:path';

const root = resolve(__dirname, '../../..');

async function lint(code: string, filePath: string) {
  const { ESLint } = await import('eslint');
  const eslint = new ESLint({ cwd: root });
  const [result] = await eslint.lintText(code, { filePath: resolve(root, filePath) });
  return result.messages.map((m) => m.ruleId);
}

describe('lint rule: src/core stays free of vscode', () => {
  it('fails an import of vscode under src/core', async () => {
    const rules = await lint(
      "import * as vscode from 'vscode';\nexport const x = vscode;\n",
      'src/core/probe.ts',
    );
    assert.ok(rules.includes('no-restricted-imports'), `rules reported: ${rules.join(', ')}`);
  });
  it('fails a require of vscode under src/core', async () => {
    const rules = await lint(
      "// eslint-disable-next-line @typescript-eslint/no-require-imports\nexport const v = require('vscode');\n",
      'src/core/probe.ts',
    );
    assert.ok(rules.includes('no-restricted-syntax'), `rules reported: ${rules.join(', ')}`);
  });
  it('allows vscode in the adapters under src/vscode', async () => {
    const rules = await lint(
      "import * as vscode from 'vscode';\nexport const x = vscode;\n",
      'src/vscode/probe.ts',
    );
    assert.deepEqual(rules, []);
  });
});
