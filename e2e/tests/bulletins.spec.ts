import path from 'node:path';
import { Editor } from '../support/editor.js';
import { expect, test } from '../support/sluice.js';

test('a failing processor gets a live bulletin badge; the board lists, searches and keeps its bulletins', async ({
  page,
  sluice,
}) => {
  const editor = new Editor(page);
  const flowId = await sluice.emptyFlow('Bulletins');
  const add = (
    type: string,
    name: string,
    position: { x: number; y: number },
    properties: Record<string, string> = {},
  ) => sluice.api.processors.add.mutate({ flowId, type, name, position, properties });
  // One flowfile goes to a PutFile whose directory does not exist (an ERROR bulletin) and to a
  // LogAttribute that logs at WARN (a WARN bulletin), so there are two bulletins to search.
  const generate = (await add('GenerateFlowFile', 'Generate', { x: 100, y: 250 })).processor.id;
  const writeOut = (
    await add(
      'PutFile',
      'Write out',
      { x: 500, y: 150 },
      {
        directory: path.join(sluice.dataDir, 'no', 'such', 'directory'),
        createMissingDirectories: 'false',
      },
    )
  ).processor.id;
  const audit = (await add('LogAttribute', 'Audit', { x: 500, y: 400 }, { logLevel: 'warn' }))
    .processor.id;
  await sluice.api.processors.update.mutate({
    flowId,
    id: writeOut,
    autoTerminatedRelationships: ['success', 'failure'],
  });
  await sluice.api.processors.update.mutate({
    flowId,
    id: audit,
    autoTerminatedRelationships: ['success'],
  });
  for (const destination of [writeOut, audit]) {
    await sluice.api.connections.add.mutate({
      flowId,
      source: generate,
      destination,
      relationships: ['success'],
    });
  }

  await editor.open(sluice.url, flowId);
  const badge = editor.card('Write out').getByTestId('card-bulletins');
  await expect(editor.card('Write out')).toBeVisible();
  await expect(badge).toBeHidden();
  await expect(page.getByTestId('bulletin-unread')).toBeHidden();

  // The badge appears live, in the error colour, with the message in its title.
  await sluice.api.processors.start.mutate({ flowId, ids: [writeOut, audit] });
  await sluice.api.processors.runOnce.mutate({ flowId, ids: [generate] });
  await expect(badge).toBeVisible();
  await expect(badge).toHaveAttribute('data-level', 'ERROR');
  await expect(badge).toHaveText('1');
  await expect(badge).toHaveAttribute('title', /does not exist/);
  await expect(editor.card('Audit').getByTestId('card-bulletins')).toHaveAttribute(
    'data-level',
    'WARN',
  );
  await expect(page.getByTestId('bulletin-unread')).toHaveText('2');
  await editor.screenshot('bulletins-badge');

  // The board lists both, newest first; opening it marks them read.
  await page.getByTestId('bulletin-button').click();
  const board = page.getByTestId('bulletin-board');
  const rows = board.getByTestId('bulletin-row');
  await expect(rows).toHaveCount(2);
  await expect(page.getByTestId('bulletin-unread')).toBeHidden();
  await editor.screenshot('bulletins-board');

  // Search by text, then by level, then by component.
  await board.getByLabel('Search bulletins').fill('does not exist');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText('Write out');
  await board.getByLabel('Search bulletins').fill('');
  await expect(rows).toHaveCount(2);
  await board.getByLabel('Level').selectOption({ label: 'Errors only' });
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('data-level', 'ERROR');
  await board.getByLabel('Level').selectOption({ label: 'All levels' });
  await board.getByLabel('Component').selectOption({ label: 'Audit' });
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('data-component-id', audit);

  // A row finds its processor on the canvas.
  await rows.first().click();
  await expect(board).toBeHidden();
  await expect(editor.card('Audit')).toHaveClass(/selected/);

  // After a restart the bulletins are still there.
  await sluice.api.processors.stop.mutate({ flowId, ids: [writeOut, audit] });
  await sluice.stop();
  await sluice.restart();
  await editor.open(sluice.url, flowId);
  await page.getByTestId('bulletin-button').click();
  await board.getByLabel('Search bulletins').fill('does not exist');
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toHaveAttribute('data-level', 'ERROR');
  await expect(rows.first()).toContainText('Write out');
});
