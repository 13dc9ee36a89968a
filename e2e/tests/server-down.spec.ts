import { Editor } from '../support/editor.js';
import { expect, test } from '../support/sluice.js';

test('a banner says the server is unreachable, and Retry reconnects', async ({ page, sluice }) => {
  const editor = new Editor(page);
  const flowId = await sluice.emptyFlow('Down');
  await sluice.api.processors.add.mutate({
    flowId,
    type: 'GenerateFlowFile',
    name: 'Survivor',
    position: { x: 100, y: 100 },
  });
  await editor.open(sluice.url, flowId);
  await expect(editor.card('Survivor')).toBeVisible();
  await expect(page.getByTestId('server-banner')).toBeHidden();

  await sluice.stop();
  await expect(page.getByTestId('server-banner')).toBeVisible({ timeout: 30_000 });
  await editor.screenshot('05-server-down');

  await sluice.restart();
  await page.getByTestId('server-banner').getByRole('button', { name: 'Retry' }).click();
  await expect(page.getByTestId('server-banner')).toBeHidden({ timeout: 30_000 });
  await expect(editor.card('Survivor')).toBeVisible();
  // The live stream is back too: a state change made elsewhere reaches the card.
  await sluice.api.processors.disable.mutate({ flowId, ids: [(await ids())[0]!] });
  await expect(editor.card('Survivor')).toHaveAttribute('data-state', 'DISABLED');

  async function ids() {
    return (await sluice.api.flows.get.query({ flowId })).flow.processors.map((p) => p.id);
  }
});
