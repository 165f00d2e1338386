// ui checks of the editor experience, as a person sees it: the CodeLens above the adapter block,
// a hover with live numbers, and the quick-pick flow of "Estimate Trainable Parameters".
// Screenshots go to artifacts/ui for people to look at.
import * as assert from 'node:assert/strict';
import { workbench } from './workbench';

describe('editor experience (ui)', () => {
  afterEach(async () => {
    await workbench().page.keyboard.press('Escape');
  });
  after(async () => {
    await workbench().clearNotifications();
    await workbench().closeAllEditors();
  });

  it('shows the trainable-parameter CodeLens above the adapter block', async () => {
    const editor = await workbench().openFile('axolotl/qlora.yml');
    const lens = editor.locator('.codelens-decoration', { hasText: 'trainable' }).first();
    await lens.waitFor({ timeout: 30_000 });
    assert.match(await lens.innerText(), /11,272,192 trainable \(0\.904%\)/);
    await workbench().screenshot('codelens-axolotl-qlora');
  });

  it('shows a hover on lora_alpha with its meaning and its LoRA scaling in this file', async () => {
    const editor = await workbench().openFile('axolotl/qlora.yml');
    const key = editor.locator('.view-line span span', { hasText: /^lora_alpha$/ }).first();
    await key.waitFor();
    await key.hover();
    const hover = workbench().page.locator('.monaco-hover:visible', { hasText: 'LoRA scaling' }).first();
    await hover.waitFor({ timeout: 15_000 });
    assert.match(await hover.innerText(), /lora_alpha \/ r = 32 \/ 16 = 2/);
    await workbench().screenshot('hover-lora-alpha');
  });

  it('walks the quick-pick flow of Estimate Trainable Parameters without an open file', async () => {
    const page = workbench().page;
    await workbench().closeAllEditors();
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget input');
    await input.fill('>ML Config: Estimate Trainable Parameters');
    await page
      .locator('.quick-input-list .monaco-list-row.focused', { hasText: 'Estimate Trainable Parameters' })
      .first()
      .waitFor();
    await input.press('Enter');
    await page.locator('.quick-input-widget', { hasText: 'choose a model' }).waitFor();
    await input.fill('meta-llama/Llama-2-7b-hf');
    await page
      .locator('.quick-input-list .monaco-list-row.focused', { hasText: 'meta-llama/Llama-2-7b-hf' })
      .first()
      .waitFor();
    await workbench().screenshot('quickpick-model');
    await input.press('Enter');
    await page.locator('.quick-input-widget', { hasText: 'method for' }).waitFor();
    await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: 'LoRA' }).first().waitFor();
    await input.press('Enter');
    await page.locator('.quick-input-widget', { hasText: 'LoRA rank' }).waitFor();
    await input.fill('8');
    await page.locator('.quick-input-list .monaco-list-row.focused', { hasText: '8' }).first().waitFor();
    await input.press('Enter');
    // Llama-2-7B, LoRA r=8 on all linear layers: 32 × 8 × (4×(4096+4096) + 3×(4096+11008)) = 19,988,480
    const row = await workbench().notification(/trainable params: 19,988,480/);
    assert.match(await row.innerText(), /all params: 6,758,404,096/);
    await workbench().screenshot('quickpick-estimate-result');
  });
});
