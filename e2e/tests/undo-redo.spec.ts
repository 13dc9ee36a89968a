import { Editor } from '../support/editor.js';
import { expect, test } from '../support/sluice.js';

test('undo and redo every kind of edit: add, connect, configure, move, delete', async ({
  page,
  sluice,
}) => {
  const editor = new Editor(page);
  const flowId = await sluice.emptyFlow('Undo');
  const server = async () => (await sluice.api.flows.get.query({ flowId })).flow;
  await editor.open(sluice.url, flowId);

  const generate = await editor.addFromPalette('GenerateFlowFile', { x: 200, y: 250 });
  const log = await editor.addFromPalette('LogAttribute', { x: 600, y: 250 });
  await editor.connect(generate, log, ['success']);
  const panel = await editor.configure(generate);
  await panel.getByLabel('Batch Size').fill('7');
  await editor.apply(panel);
  await editor.closePanel();
  const before = (await server()).processors.find((p) => p.type === 'GenerateFlowFile')!;
  await generate.dragTo(page.getByTestId('canvas'), { targetPosition: { x: 250, y: 500 } });
  await expect
    .poll(async () => (await server()).processors.find((p) => p.id === before.id)!.position.y)
    .toBeGreaterThan(before.position.y + 100);
  await log.click();
  await page.keyboard.press('Delete');
  await expect(page.getByTestId('processor-card')).toHaveCount(1);
  await expect(page.getByTestId('connection-label')).toHaveCount(0);

  const undo = () => page.keyboard.press('Control+z');
  const redo = () => page.keyboard.press('Control+Shift+z');
  // Undo the delete: the processor and its connection come back.
  await undo();
  await expect(page.getByTestId('processor-card')).toHaveCount(2);
  await expect(page.getByTestId('connection-label')).toHaveCount(1);
  await expect.poll(async () => (await server()).connections.length).toBe(1);
  // Undo the move.
  await undo();
  await expect
    .poll(async () => (await server()).processors.find((p) => p.id === before.id)!.position)
    .toEqual(before.position);
  // Undo the configuration.
  await undo();
  await expect
    .poll(
      async () =>
        (await server()).processors.find((p) => p.id === before.id)!.properties['batchSize'],
    )
    .toBeUndefined();
  // Undo the connection, then both adds.
  await undo();
  await expect(page.getByTestId('connection-label')).toHaveCount(0);
  await undo();
  await undo();
  await expect(page.getByTestId('processor-card')).toHaveCount(0);
  await expect.poll(async () => (await server()).processors.length).toBe(0);

  // Redo all five edits, then the delete; the toolbar buttons work as well as the keys.
  await redo();
  await redo();
  await expect(page.getByTestId('processor-card')).toHaveCount(2);
  await redo();
  await expect(page.getByTestId('connection-label')).toHaveCount(1);
  await page.getByRole('button', { name: 'Redo' }).click();
  await expect
    .poll(
      async () =>
        (await server()).processors.find((p) => p.type === 'GenerateFlowFile')!.properties[
          'batchSize'
        ],
    )
    .toBe('7');
  await redo();
  await redo();
  await expect(page.getByTestId('processor-card')).toHaveCount(1);
  await expect
    .poll(async () => (await server()).processors.map((p) => p.type))
    .toEqual(['GenerateFlowFile']);
  await page.getByRole('button', { name: 'Undo' }).click();
  await expect(page.getByTestId('processor-card')).toHaveCount(2);
});
