import { Editor } from '../support/editor.js';
import { expect, test } from '../support/sluice.js';

test('the configuration form shows the server’s validation as you type', async ({
  page,
  sluice,
}) => {
  const editor = new Editor(page);
  const flowId = await sluice.emptyFlow('Validation');
  await editor.open(sluice.url, flowId);
  const replace = await editor.addFromPalette('ReplaceText', { x: 400, y: 300 });
  // Unconnected relationships make the card invalid, with the reasons on hover.
  await expect(replace.getByTestId('card-invalid')).toHaveAttribute('title', /success/);

  const panel = await editor.configure(replace);
  await panel.getByLabel('Search Value').fill('(unclosed');
  const errors = panel.getByTestId('validation-errors');
  await expect(errors).toContainText('Search Value');
  await expect(panel.getByTestId('field-error').first()).toBeVisible();
  await editor.screenshot('04-validation');

  await panel.getByLabel('Search Value').fill('(?s)(^.*$)');
  await panel.getByLabel('Replacement Value').fill('${filename:toUpper(}');
  await expect(errors).toContainText('Replacement Value');
  await expect(errors).not.toContainText('Search Value');

  await panel.getByLabel('Replacement Value').fill('${filename:toUpper()}');
  await panel.getByLabel('Auto-terminate success').check();
  await panel.getByLabel('Auto-terminate failure').check();
  await expect(errors).toHaveCount(0);
  await editor.apply(panel);
  await editor.closePanel();
  // Only the missing input is left; the relationships are settled.
  const reasons = replace.getByTestId('card-invalid');
  await expect(reasons).toHaveAttribute('title', /requires an incoming connection/);
  await expect(reasons).not.toHaveAttribute('title', /Relationship/);
});

test('a refused action shows the server’s message', async ({ page, sluice }) => {
  const editor = new Editor(page);
  const flowId = await sluice.emptyFlow('Refused');
  await editor.open(sluice.url, flowId);
  const replace = await editor.addFromPalette('ReplaceText', { x: 400, y: 300 });
  await editor.menu(replace, 'Start');
  await expect(page.getByTestId('error-toast')).toContainText('not connected');
  await expect(replace).not.toHaveAttribute('data-state', 'RUNNING');
});
