import type { Locator, Page } from '@playwright/test';
import { expect } from '@playwright/test';

/**
 * The provenance view as the browser tests drive it (apps/web/src/provenance): the search form,
 * the results, an event's details and content, and the lineage graph.
 */
export class ProvenanceView {
  constructor(readonly page: Page) {}

  /** The open view. */
  get dialog(): Locator {
    return this.page.getByTestId('provenance-dialog');
  }

  /** The details pane of the selected event. */
  get event(): Locator {
    return this.dialog.getByTestId('event-details');
  }

  /** The details pane of the selected flowfile (picked in the lineage). */
  get flowFile(): Locator {
    return this.dialog.getByTestId('flowfile-details');
  }

  /** The lineage graph. */
  get graph(): Locator {
    return this.dialog.getByTestId('lineage-graph');
  }

  /** Opens the view from the toolbar. */
  async open(): Promise<void> {
    await this.page.getByRole('button', { name: 'Provenance', exact: true }).click();
    await expect(this.dialog).toBeVisible();
  }

  /** Searches by a component (as the select names it, "Name (Type)") and waits for the rows. */
  async searchByComponent(label: string): Promise<void> {
    await this.dialog.getByLabel('Component').selectOption({ label });
    await this.dialog.getByRole('button', { name: 'Search', exact: true }).click();
    await expect(this.dialog.getByTestId('provenance-summary')).toBeVisible();
  }

  /** The result rows, newest first. */
  rows(): Locator {
    return this.dialog.getByTestId('provenance-row');
  }

  /** The event types of the result rows, in order. */
  async rowTypes(): Promise<string[]> {
    return (await this.rows().locator('td:nth-child(2)').allTextContents()).map((t) => t.trim());
  }

  /** Opens the details of the first row of an event type. */
  async openRow(type: string): Promise<Locator> {
    await this.rows().filter({ hasText: type }).first().click();
    await expect(this.event.locator('.provenance-details-head')).toContainText(type);
    return this.event;
  }

  /** An attribute's row in the event's before/after table. */
  attribute(key: string): Locator {
    return this.event.locator(`[data-testid="attribute-row"][data-key="${key}"]`);
  }

  /** Views one side of the event's content; returns the preview. */
  async viewContent(side: 'input' | 'output'): Promise<Locator> {
    await this.event.getByRole('button', { name: `View ${side}` }).click();
    const preview = this.event.getByTestId('content-preview');
    await expect(preview).toBeVisible();
    return preview;
  }

  /** Downloads the content shown; returns the downloaded text. */
  async downloadContent(): Promise<{ name: string; text: string }> {
    const download = this.page.waitForEvent('download');
    await this.event.getByRole('link', { name: 'Download' }).click();
    const file = await download;
    const stream = await file.createReadStream();
    const chunks: Buffer[] = [];
    for await (const chunk of stream) chunks.push(chunk as Buffer);
    return { name: file.suggestedFilename(), text: Buffer.concat(chunks).toString() };
  }

  /** Shows the lineage of the selected event's flowfile. */
  async showLineage(): Promise<void> {
    await this.event.getByRole('button', { name: 'Show lineage' }).click();
    await expect(this.graph).toBeVisible();
  }

  /** The lineage's event node of a type (the first, in time order). */
  eventNode(type: string): Locator {
    return this.graph
      .locator(`[data-testid="lineage-node"][data-kind="event"][data-event-type="${type}"]`)
      .first();
  }

  /** The lineage's flowfile nodes. */
  flowFileNodes(): Locator {
    return this.graph.locator('[data-testid="lineage-node"][data-kind="flowfile"]');
  }

  /** The event types drawn in the lineage, in order. */
  async lineageEventTypes(): Promise<string[]> {
    const nodes = this.graph.locator('[data-testid="lineage-node"][data-kind="event"]');
    const types: string[] = [];
    for (const node of await nodes.all()) types.push((await node.getAttribute('data-event-type'))!);
    return types;
  }

  /** Clicks an event node of the lineage and waits for its details. */
  async openEventNode(type: string): Promise<Locator> {
    await this.eventNode(type).click();
    await expect(this.event.locator('.provenance-details-head')).toContainText(type);
    return this.event;
  }

  /** Follows a parent or child link (a flowfile id) of the pane shown; returns its pane. */
  async follow(
    pane: Locator,
    relation: 'Parents' | 'Children',
    flowFileId: string,
  ): Promise<Locator> {
    await pane
      .getByRole('list', { name: relation })
      .or(pane.getByRole('region', { name: relation }))
      .getByRole('button', { name: flowFileId, exact: true })
      .click();
    await expect(this.flowFile).toHaveAttribute('data-flowfile-id', flowFileId);
    return this.flowFile;
  }
}
