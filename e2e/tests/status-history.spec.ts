import { Editor } from '../support/editor.js';
import { expect, test } from '../support/sluice.js';

// Points every second instead of every minute, so a short run has a history to chart.
test.use({ sluiceOptions: { statusIntervalMs: 1000 } });

test('a connection’s status history is charted from the recorded points', async ({
  page,
  sluice,
}) => {
  const editor = new Editor(page);
  const flowId = await sluice.emptyFlow('History');
  const add = (type: string, name: string, x: number, properties: Record<string, string> = {}) =>
    sluice.api.processors.add.mutate({ flowId, type, name, position: { x, y: 200 }, properties });
  const generate = (await add('GenerateFlowFile', 'Generate', 100, { batchSize: '3' })).processor
    .id;
  const log = (await add('LogAttribute', 'Log', 550)).processor.id;
  await sluice.api.processors.update.mutate({
    flowId,
    id: log,
    autoTerminatedRelationships: ['success'],
  });
  await sluice.api.connections.add.mutate({
    flowId,
    source: generate,
    destination: log,
    relationships: ['success'],
  });
  // Log stays stopped, so the flowfiles wait in the connection: a queued count to chart.
  await sluice.api.processors.runOnce.mutate({ flowId, ids: [generate] });
  await sluice.api.processors.runOnce.mutate({ flowId, ids: [generate] });

  await editor.open(sluice.url, flowId);
  const label = page.getByTestId('connection-label');
  await expect(label).toHaveAttribute('data-queued-count', '6');
  await label.click({ button: 'right' });
  await page.getByRole('menu').getByRole('menuitem', { name: 'Status history' }).click();

  const dialog = page.getByTestId('status-history');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('heading')).toHaveText('Status history: Generate → Log');
  // uPlot draws on a canvas; its legend and the newest values say what was queued.
  await expect(dialog.getByTestId('history-chart').locator('canvas')).toBeVisible();
  await expect(dialog.getByTestId('history-latest-value').first()).toHaveAttribute(
    'data-value',
    '6',
  );
  await expect(dialog.getByTestId('history-latest')).toContainText('Queued6');
  await expect(dialog.locator('.u-legend')).toContainText('Queued');
  await editor.screenshot('status-history-connection');

  // Another metric: what went in and out of the connection.
  await dialog.getByLabel('Metric').selectOption({ label: 'Flowfiles in / out (5 min)' });
  await expect(dialog.getByTestId('history-latest')).toContainText('In6');
  await expect(dialog.getByTestId('history-chart').locator('canvas')).toBeVisible();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();

  // A processor's history opens from its card's menu; in the dark theme it is drawn in its colours.
  await page.getByRole('button', { name: 'Toggle theme' }).click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await editor.menu(editor.card('Generate'), 'Status history');
  await expect(dialog.getByRole('heading')).toHaveText('Status history: Generate');
  await expect(dialog.getByTestId('history-latest')).toContainText('Out6');
  await expect(dialog.getByTestId('history-chart').locator('canvas')).toBeVisible();
  await editor.screenshot('status-history-processor-dark');
});
