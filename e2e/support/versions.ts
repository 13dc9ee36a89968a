import type { Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';

/**
 * The editor's versioning as the browser tests drive it: the toolbar's indicator, the Versions
 * dialog (commit, history, restore, remote) and the diff panel, through the accessible names
 * and data-testids of `apps/web/src/versions`.
 */
export class Versions {
  constructor(readonly page: Page) {}

  /** The toolbar's indicator: "Uncommitted changes" or "All changes committed". */
  get indicator(): Locator {
    return this.page.getByTestId('version-state');
  }

  get dialog(): Locator {
    return this.page.getByTestId('versions-dialog');
  }

  get diffPanel(): Locator {
    return this.page.getByTestId('diff-panel');
  }

  /** Opens the Versions dialog from the toolbar. */
  async open(): Promise<Locator> {
    await this.page.getByTestId('version-indicator').click();
    await expect(this.dialog).toBeVisible();
    return this.dialog;
  }

  async close(): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Close', exact: true }).click();
    await expect(this.dialog).toBeHidden();
  }

  /** Commits the open flow with a message; waits until the dialog says it is done. */
  async commit(message: string): Promise<void> {
    await this.dialog.getByLabel('Commit message').fill(message);
    await this.dialog.getByRole('button', { name: 'Commit', exact: true }).click();
    await expect(this.dialog.getByText(/^Committed [0-9a-f]{8}$/)).toBeVisible();
    await expect(this.indicator).toHaveText('All changes committed');
  }

  /** Picks two versions (by short hash) and draws their diff on the canvas. */
  async showDiff(older: string, newer: string): Promise<void> {
    await this.dialog.getByLabel(`Pick version ${newer}`).check();
    await this.dialog.getByLabel(`Pick version ${older}`).check();
    await this.dialog.getByRole('button', { name: 'Show diff on canvas' }).click();
    await expect(this.dialog).toBeHidden();
    await expect(this.diffPanel).toBeVisible();
  }

  /** Restores a version (by short hash), confirming. */
  async restore(shortHash: string): Promise<void> {
    await this.dialog.getByRole('button', { name: `Restore version ${shortHash}` }).click();
    const confirm = this.dialog.getByRole('group', { name: 'Confirm restore' });
    await confirm.getByRole('button', { name: 'Restore this version' }).click();
    await expect(confirm).toBeHidden();
  }

  /** Sets the remote's URL in the dialog. */
  async setRemote(url: string): Promise<void> {
    await this.dialog.getByLabel('Remote URL').fill(url);
    await this.dialog.getByRole('button', { name: 'Save', exact: true }).click();
    await expect(this.dialog.getByTestId('remote-result')).toHaveText(`Remote set to ${url}`);
  }

  /** Clicks Push; returns the line that says what happened (a result or an error). */
  async push(): Promise<Locator> {
    await this.dialog.getByRole('button', { name: 'Push', exact: true }).click();
    const outcome = this.dialog
      .getByTestId('remote-result')
      .or(this.dialog.getByTestId('remote-error'));
    await expect(outcome).toBeVisible();
    await expect(this.dialog.getByRole('button', { name: 'Push', exact: true })).toBeEnabled();
    return outcome;
  }
}
