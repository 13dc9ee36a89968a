import { QueueInspectorPage } from '../support/queue-inspector.js';
import { Editor } from '../support/editor.js';
import { expect, test } from '../support/sluice.js';

const QUEUED = 10_000;
const CONTENT = '{"greeting":"hello sluice","n":1}';

test('inspect a queue of 10,000 flowfiles: filter it, read a flowfile, empty it with confirmation', async ({
  page,
  sluice,
}) => {
  // Given 10,000 flowfiles queued in front of a stopped processor, each in one of 10 groups
  const flowId = await sluice.emptyFlow('Queue inspector');
  const generate = await sluice.api.processors.add.mutate({
    flowId,
    type: 'GenerateFlowFile',
    name: 'Generate',
    position: { x: 100, y: 200 },
    properties: {
      batchSize: String(QUEUED),
      customText: CONTENT,
      // 10,000 consecutive numbers: exactly 1,000 in each group.
      group: 'group-${nextInt():mod(10)}',
    },
  });
  const log = await sluice.api.processors.add.mutate({
    flowId,
    type: 'LogAttribute',
    name: 'Log',
    position: { x: 600, y: 200 },
  });
  const connection = await sluice.api.connections.add.mutate({
    flowId,
    source: generate.processor.id,
    destination: log.processor.id,
    relationships: ['success'],
    backPressure: { objectThreshold: 20_000 },
  });
  await sluice.api.processors.runOnce.mutate({ flowId, ids: generate.processor.id });
  await expect
    .poll(
      async () =>
        (await sluice.api.status.snapshot.query({ flowId })).connections.find(
          (c) => c.id === connection.id,
        )?.queued.count,
      { timeout: 60_000 },
    )
    .toBe(QUEUED);

  const editor = new Editor(page);
  const inspector = new QueueInspectorPage(page);
  await editor.open(sluice.url, flowId);
  const label = page.locator(`[data-testid="connection-label"][data-id="${connection.id}"]`);
  await expect(label).toHaveAttribute('data-queued-count', String(QUEUED));

  // "Empty queue" from the menu asks first; Cancel keeps everything
  await inspector.connectionMenu(label, 'Empty queue');
  await expect(inspector.emptyDialog).toContainText('Drop the 10,000 flowfiles');
  await inspector.emptyDialog.getByRole('button', { name: 'Cancel' }).click();
  await expect(inspector.emptyDialog).toBeHidden();

  // When the queue is listed from the connection's menu
  await inspector.open(label);
  await expect(inspector.range).toHaveText('1–100 of 10,000');
  await expect(inspector.rows).toHaveCount(100);
  await expect(inspector.rows.first()).toContainText('1');

  // Then it pages, and a filter on the group attribute finds its 1,000
  await inspector.dialog.getByRole('button', { name: 'Last' }).click();
  await expect(inspector.range).toHaveText('9,901–10,000 of 10,000');
  await inspector.filter('group-7', 'group');
  await expect(inspector.range).toHaveText('1–100 of 1,000 (of 10,000 queued)');
  await inspector.filter('no such value');
  await expect(inspector.dialog.getByTestId('queue-empty')).toHaveText(
    'No queued flowfile matches the filter.',
  );
  await inspector.filter('group-7', 'group');
  await expect(inspector.range).toHaveText('1–100 of 1,000 (of 10,000 queued)');

  // And a flowfile opens with its attributes and its content as text, JSON and hex
  const row = inspector.rows.first();
  const flowFileId = (await row.getAttribute('data-id'))!;
  await inspector.openRow(row);
  const attributes = inspector.details.getByTestId('flowfile-attributes');
  await expect(attributes.getByRole('row', { name: /^group/ })).toContainText('group-7');
  await expect(attributes.getByRole('row', { name: /^uuid/ })).toContainText(flowFileId);
  await expect(inspector.details.getByTestId('content-text')).toHaveText(CONTENT);
  await inspector.contentTab('JSON');
  await expect(inspector.details.getByTestId('content-json')).toContainText(
    '"greeting": "hello sluice"',
  );
  await inspector.contentTab('Hex');
  await expect(inspector.details.getByTestId('content-hex')).toContainText(
    '00000000  7b 22 67 72 65 65 74 69  6e 67 22 3a 22 68 65 6c  |{"greeting":"hel|',
  );
  await page.screenshot({ path: 'artifacts/queue-inspector.png' });

  // The download link serves the content; Lineage asks the provenance view by event
  const href = await inspector.details.getByRole('link', { name: 'Download' }).getAttribute('href');
  const download = await page.request.get(`${sluice.url}${href}`);
  expect(download.status()).toBe(200);
  expect(await download.text()).toBe(CONTENT);
  await page.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { lineageRequests: string[] }).lineageRequests = seen;
    window.addEventListener('sluice:open-lineage', (event) =>
      seen.push((event as CustomEvent<{ flowFileId: string }>).detail.flowFileId),
    );
  });
  await inspector.details.getByRole('button', { name: 'Lineage' }).click();
  expect(
    await page.evaluate(() => (window as unknown as { lineageRequests: string[] }).lineageRequests),
  ).toEqual([flowFileId]);

  // When the queue is emptied from the inspector, with confirmation
  await inspector.dialog.getByRole('button', { name: 'Empty queue', exact: true }).click();
  await expect(inspector.emptyDialog).toContainText('Drop the 10,000 flowfiles');
  expect(await inspector.confirmEmpty()).toBe('Dropped 10,000 flowfiles.');
  await inspector.emptyDialog.getByRole('button', { name: 'Close' }).click();

  // Then the inspector and the canvas show an empty queue
  await inspector.filter('');
  await expect(inspector.dialog.getByTestId('queue-empty')).toHaveText('The queue is empty.');
  await expect(inspector.range).toHaveText('0 of 0');
  await expect(label).toHaveAttribute('data-queued-count', '0');
});
