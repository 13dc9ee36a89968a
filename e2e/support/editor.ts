import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';

/**
 * The editor as the browser tests drive it, through the data-testids and accessible names the
 * web app promises (apps/web). One place to change when the markup changes.
 */
export class Editor {
  constructor(readonly page: Page) {}

  /** Opens a flow and waits until the canvas shows it (loaded, its view fitted). */
  async open(url: string, flowId: string): Promise<void> {
    await this.page.goto(`${url}/flows/${flowId}`);
    await expect(this.page.getByTestId('canvas')).toHaveAttribute('data-flow-id', flowId);
  }

  /** A processor card by its name. */
  card(name: string): Locator {
    return this.page.locator(`[data-testid="processor-card"][data-name="${name}"]`);
  }

  /** Drags a type from the palette to a point of the canvas; returns the new card. */
  async addFromPalette(type: string, at: { x: number; y: number }): Promise<Locator> {
    const before = await this.page.getByTestId('processor-card').count();
    await this.page.getByTestId('palette-search').fill(type);
    await this.page
      .getByTestId(`palette-item-${type}`)
      .dragTo(this.page.getByTestId('canvas'), { targetPosition: at });
    await expect(this.page.getByTestId('processor-card')).toHaveCount(before + 1);
    await this.page.getByTestId('palette-search').fill('');
    return this.page.locator(`[data-testid="processor-card"][data-type="${type}"]`).last();
  }

  /** Drags from one card's source handle to another's target handle and picks relationships. */
  async connect(from: Locator, to: Locator, relationships: readonly string[]): Promise<void> {
    const before = await this.page.getByTestId('connection-label').count();
    await from.getByTestId('handle-source').dragTo(to.getByTestId('handle-target'));
    const dialog = this.page.getByTestId('connect-dialog');
    await expect(dialog).toBeVisible();
    for (const relationship of relationships) {
      await dialog.getByLabel(relationship, { exact: true }).check();
    }
    await dialog.getByRole('button', { name: 'Add' }).click();
    await expect(dialog).toBeHidden();
    await expect(this.page.getByTestId('connection-label')).toHaveCount(before + 1);
  }

  /** Opens a card's configuration panel. */
  async configure(card: Locator): Promise<Locator> {
    await card.dblclick();
    const panel = this.page.getByTestId('processor-panel');
    await expect(panel).toBeVisible();
    return panel;
  }

  /** Applies a panel and waits until it has no unsaved change left. */
  async apply(panel: Locator): Promise<void> {
    await panel.getByRole('button', { name: 'Apply' }).click();
    await expect(this.page.getByTestId('error-toast')).toBeHidden();
    await expect(panel.getByTestId('panel-error')).toBeHidden();
  }

  /** Closes whichever side panel is open. */
  async closePanel(): Promise<void> {
    await this.page.getByTestId('side-panel').getByRole('button', { name: 'Close' }).click();
    await expect(this.page.getByTestId('side-panel')).toBeHidden();
  }

  /** Runs an item of a card's context menu. */
  async menu(card: Locator, item: string): Promise<void> {
    await card.click({ button: 'right' });
    await this.page.getByRole('menu').getByRole('menuitem', { name: item, exact: true }).click();
  }

  /** The connection labels in order of their relationship text. */
  connectionLabel(text: string): Locator {
    return this.page.getByTestId('connection-label').filter({ hasText: text });
  }

  /** A connection's queued count, as its label's data attribute says. */
  async queued(label: Locator): Promise<number> {
    return Number(await label.getAttribute('data-queued-count'));
  }

  /**
   * Clicks Export flow and saves the download in a directory under the name the editor gave it;
   * returns the file's path.
   */
  async exportFlow(directory: string): Promise<string> {
    const download = this.page.waitForEvent('download');
    await this.page.getByRole('button', { name: 'Export flow', exact: true }).click();
    const file = path.join(directory, (await download).suggestedFilename());
    await (await download).saveAs(file);
    return file;
  }

  /**
   * Imports a file through the toolbar's file chooser and waits for the dialog the import ends
   * with: the report (`import-report`) or, for a refused file, the problems (`import-errors`).
   */
  async importFlow(
    file: string,
    ends: 'import-report' | 'import-errors' = 'import-report',
  ): Promise<Locator> {
    await this.page.getByTestId('import-file').setInputFiles(file);
    const dialog = this.page.getByTestId(ends);
    await expect(dialog).toBeVisible();
    return dialog;
  }

  /** Saves a screenshot of the whole editor under `e2e/artifacts/`. */
  async screenshot(name: string): Promise<void> {
    await this.page.screenshot({ path: `artifacts/${name}.png` });
  }
}
