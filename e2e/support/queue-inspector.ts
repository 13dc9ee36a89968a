import type { Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';

/**
 * The queue inspector as the browser tests drive it (apps/web/src/queue-inspector): opened from a
 * connection label's context menu, listed, filtered, a flowfile opened, the queue emptied.
 */
export class QueueInspectorPage {
  constructor(readonly page: Page) {}

  /** The inspector dialog. */
  get dialog(): Locator {
    return this.page.getByTestId('queue-inspector');
  }

  /** "1–100 of 10,000" under the list. */
  get range(): Locator {
    return this.dialog.getByTestId('queue-range');
  }

  /** The rows of the page shown. */
  get rows(): Locator {
    return this.dialog.getByTestId('queue-row');
  }

  /** The open flowfile's details pane. */
  get details(): Locator {
    return this.dialog.getByTestId('flowfile-details');
  }

  /** Runs an item of a connection label's context menu. */
  async connectionMenu(label: Locator, item: string): Promise<void> {
    await label.click({ button: 'right' });
    await this.page.getByRole('menu').getByRole('menuitem', { name: item, exact: true }).click();
  }

  /** Opens the inspector from a connection label's context menu. */
  async open(label: Locator): Promise<void> {
    await this.connectionMenu(label, 'List queue');
    await expect(this.dialog).toBeVisible();
  }

  /** Filters by a value, on one attribute or (with none) on any. */
  async filter(text: string, attribute = ''): Promise<void> {
    await this.dialog.getByLabel('Attribute', { exact: true }).fill(attribute);
    await this.dialog.getByLabel('Filter', { exact: true }).fill(text);
  }

  /** Opens a row's details. */
  async openRow(row: Locator): Promise<void> {
    await row.click();
    await expect(this.details).toBeVisible();
  }

  /** Shows a content view: Text, JSON or Hex. */
  async contentTab(name: 'Text' | 'JSON' | 'Hex'): Promise<void> {
    await this.details.getByRole('tab', { name, exact: true }).click();
  }

  /** The "Empty queue" confirmation, wherever it was asked from. */
  get emptyDialog(): Locator {
    return this.page.getByTestId('empty-queue-dialog');
  }

  /** Confirms "Empty queue" in its dialog and waits for how many were dropped. */
  async confirmEmpty(): Promise<string> {
    await this.emptyDialog.getByRole('button', { name: 'Empty queue', exact: true }).click();
    const result = this.emptyDialog.getByTestId('empty-queue-result');
    await expect(result).toBeVisible({ timeout: 30_000 });
    return (await result.textContent()) ?? '';
  }
}
