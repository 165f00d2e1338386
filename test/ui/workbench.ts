// The browser workbench the ui checks drive. scripts/vscode-host/run-ui-tests.mjs boots it once
// (code-server with the packaged .vsix installed, test/fixtures open) and attaches the page here;
// every check file gets it with `workbench()` and uses these helpers instead of raw selectors.
import * as fs from 'fs';
import * as path from 'path';
import type { FrameLocator, Locator, Page } from 'playwright-core';

/** Where screenshots go: artifacts/ui in the repository (ignored by git). */
export const ARTIFACTS = path.resolve(__dirname, '../../../artifacts/ui');

export class Workbench {
  constructor(
    readonly page: Page,
    readonly url: string,
  ) {}

  /** Waits until the workbench has rendered and the explorer lists the workspace folder. */
  async ready(ms = 90_000): Promise<void> {
    await this.page.locator('.monaco-workbench').waitFor({ timeout: ms });
    await this.page.locator('.explorer-folders-view .monaco-list-row').first().waitFor({ timeout: ms });
  }

  /** Opens a workspace file (path relative to test/fixtures) through Quick Open; waits for its tab. */
  async openFile(relativePath: string): Promise<Locator> {
    await this.page.keyboard.press('Control+P');
    const input = this.page.locator('.quick-input-widget input');
    await input.fill(relativePath);
    const name = path.basename(relativePath);
    await this.page
      .locator('.quick-input-list .monaco-list-row.focused', { hasText: name })
      .first()
      .waitFor();
    await input.press('Enter');
    const tab = this.page.locator('.tabs-container .tab.active', { hasText: name });
    await tab.waitFor();
    return this.activeEditor();
  }

  /** The editor of the active tab. */
  activeEditor(): Locator {
    return this.page.locator('.editor-group-container.active .monaco-editor').first();
  }

  /** Runs a command from the palette by its title as shown there (e.g. 'ML Config: Show Detected Dialect'). */
  async runCommand(title: string): Promise<void> {
    const input = this.page.locator('.quick-input-widget input');
    // A webview that takes focus a moment after its tab was clicked closes a palette that just opened
    // (the palette closes on blur): then open it again, up to three times.
    for (let attempt = 1; ; attempt++) {
      try {
        await this.page.keyboard.press('F1');
        await input.fill(`>${title}`, { timeout: 10_000 });
        // Enter acts on the focused row, which the palette sets a moment after the rows render.
        await this.page
          .locator('.quick-input-list .monaco-list-row.focused', { hasText: title })
          .first()
          .waitFor({ timeout: 10_000 });
        await input.press('Enter', { timeout: 10_000 });
        break;
      } catch (err) {
        if (attempt >= 3) throw err;
        await this.page.keyboard.press('Escape');
        await this.page
          .locator('.part.sidebar .composite.title')
          .first()
          .click()
          .catch(() => undefined);
      }
    }
    await this.page.locator('.quick-input-widget').waitFor({ state: 'hidden' });
  }

  /** Types `text` into the open quick pick (palette, input box) and accepts the focused row. */
  async pick(text: string, rowText: string | RegExp = text): Promise<void> {
    const input = this.page.locator('.quick-input-widget input');
    await input.fill(text);
    await this.page
      .locator('.quick-input-list .monaco-list-row.focused', { hasText: rowText })
      .first()
      .waitFor();
    await input.press('Enter');
  }

  /** Hovers the first token of the active editor whose text is exactly `token`; returns the visible hover. */
  async hover(token: string, contains: string | RegExp = ''): Promise<Locator> {
    const exact = new RegExp(`^${token.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
    const span = this.activeEditor().locator('.view-line span span', { hasText: exact }).first();
    await span.hover();
    const hover = this.page.locator('.monaco-hover:visible', { hasText: contains }).first();
    await hover.waitFor();
    return hover;
  }

  /** Opens the Problems panel and returns its rows (filter with `.filter({ hasText })`). */
  async problems(): Promise<Locator> {
    await this.page.keyboard.press('Control+Shift+M');
    const panel = this.page.locator('.markers-panel');
    await panel.waitFor();
    return panel.locator('.monaco-list-row');
  }

  /** The document inside the active webview (two nested iframes; same origin, so readable). */
  webview(): FrameLocator {
    return this.page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
  }

  /**
   * Waits for a notification containing `text` and returns its row in the notification center
   * (this workbench does not always pop a toast in a headless browser, the center always lists it).
   */
  async notification(text: string | RegExp): Promise<Locator> {
    await this.runCommand('Notifications: Show Notifications');
    const row = this.page.locator('.notifications-center .monaco-list-row', { hasText: text }).first();
    await row.waitFor();
    return row;
  }

  /** Clears all notifications and hides the notification center. */
  async clearNotifications(): Promise<void> {
    await this.runCommand('Notifications: Clear All Notifications');
    await this.page.keyboard.press('Escape');
  }

  async closeAllEditors(): Promise<void> {
    await this.runCommand('View: Close All Editors');
  }

  /** Saves a PNG of the whole workbench as artifacts/ui/<name>.png; returns its path. */
  async screenshot(name: string): Promise<string> {
    fs.mkdirSync(ARTIFACTS, { recursive: true });
    const file = path.join(ARTIFACTS, `${name}.png`);
    await this.page.screenshot({ path: file });
    return file;
  }
}

let current: Workbench | undefined;

/** Called by the runner once the page is up. */
export function attachWorkbench(page: Page, url: string): Workbench {
  current = new Workbench(page, url);
  return current;
}

/** The booted workbench; throws when a check runs outside `npm run test:ui`. */
export function workbench(): Workbench {
  if (!current) throw new Error('no workbench: run the ui checks with npm run test:ui');
  return current;
}
