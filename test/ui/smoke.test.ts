// The foundation's ui checks: the packaged extension is installed in the browser workbench, a
// config file opens in an editor (screenshot kept in artifacts/ui), and the extension's command
// runs from the palette.
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import { workbench } from './workbench';

describe('workbench smoke', () => {
  after(async () => {
    await workbench().clearNotifications();
    await workbench().closeAllEditors();
  });

  it('shows the fixtures folder in the explorer', async () => {
    const row = workbench().page.locator('.explorer-folders-view .monaco-list-row', { hasText: 'axolotl' });
    await row.first().waitFor();
  });

  it('opens an Axolotl config in an editor and saves a screenshot', async () => {
    const editor = await workbench().openFile('axolotl/qlora.yml');
    await editor.locator('.view-line', { hasText: 'base_model: NousResearch/Llama-3.2-1B' }).waitFor();
    // Syntax colouring arrives a moment after the text; wait for it so the screenshot shows it.
    await editor.locator('.view-line span span:not(.mtk1)').first().waitFor();
    const file = await workbench().screenshot('workbench-axolotl-qlora');
    assert.ok(fs.statSync(file).size > 10_000, `${file} looks empty`);
  });

  it('runs "ML Config: Show Detected Dialect" from the palette and shows the dialect', async () => {
    await workbench().openFile('axolotl/qlora.yml');
    await workbench().runCommand('ML Config: Show Detected Dialect');
    const row = await workbench().notification('ML Config: Axolotl');
    assert.match(await row.innerText(), /ML Config: Axolotl/);
  });
});
