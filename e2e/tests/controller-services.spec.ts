import { Editor } from '../support/editor.js';
import { captureResponses } from '../support/responses.js';
import { expect, test } from '../support/sluice.js';

const PASSWORD = 'sftp-Secret-91b2c4';
const SERVICE_TYPE = 'StandardSftpConnectionService';

test('a controller service is added, configured with a secret, enabled, chosen by a processor, disabled and deleted', async ({
  page,
  sluice,
}) => {
  const responses = captureResponses(page);
  const editor = new Editor(page);
  const flowId = await sluice.emptyFlow('Services');
  // ListSFTP refers to an SFTP connection service (the API StandardSftpConnectionService provides).
  const types = await sluice.api.catalog.services.query();
  expect(types.map((t) => t.type)).toContain(SERVICE_TYPE);
  await sluice.api.processors.add.mutate({
    flowId,
    type: 'ListSFTP',
    name: 'List inbox',
    position: { x: 300, y: 200 },
  });
  await editor.open(sluice.url, flowId);

  // Add: the type is picked by its description; the new service opens in its configuration.
  await page.getByRole('button', { name: 'Controller Services' }).click();
  const dialog = page.getByTestId('controller-services-dialog');
  await expect(dialog.getByText('This flow has no controller service yet: add one.')).toBeVisible();
  await dialog.getByRole('button', { name: 'Add service' }).click();
  const type = dialog.getByTestId('service-type').filter({ hasText: SERVICE_TYPE });
  await expect(type).toContainText('pooled SFTP connections');
  await type.getByRole('radio').check();
  await dialog.getByLabel('Name', { exact: true }).fill('Inbox server');
  await dialog.getByRole('button', { name: 'Add', exact: true }).click();

  // Configure: the processor panel's controls; the password is write-only.
  const form = dialog.getByTestId('service-config');
  await expect(form.getByRole('heading', { name: 'Configure Inbox server' })).toBeVisible();
  await expect(form.getByTestId('validation-errors')).toContainText("'Hostname' is required");
  const password = form.getByLabel('Password', { exact: true });
  const passwordStatus = form.locator('[data-property="password"]').getByTestId('sensitive-status');
  await expect(passwordStatus).toHaveText('not set');
  await form.getByLabel('Hostname', { exact: true }).fill('127.0.0.1');
  await form.getByLabel('Port', { exact: true }).fill('2222');
  await form.getByLabel('Username', { exact: true }).fill('sluice');
  await password.fill(PASSWORD);
  await form.getByRole('button', { name: 'Apply' }).click();
  await expect(passwordStatus).toHaveText('set');
  await expect(password).toHaveValue('');
  await expect(form.getByTestId('panel-dirty')).toBeHidden();
  await expect(form.getByTestId('validation-errors')).toBeHidden();
  await form.getByRole('button', { name: 'Back to services' }).click();

  // Enable: the badge says so, and the configuration is locked.
  const row = dialog.locator('[data-testid="service-row"][data-name="Inbox server"]');
  const state = row.getByTestId('service-state');
  await expect(state).toHaveAttribute('data-state', 'DISABLED');
  await expect(row).toContainText('SftpConnectionService');
  await row.getByRole('button', { name: 'Enable' }).click();
  await expect(state).toHaveAttribute('data-state', 'ENABLED');
  await expect(state).toHaveText('Enabled');
  await row.getByRole('button', { name: 'Configure' }).click();
  await expect(form.getByTestId('service-locked')).toHaveText('Disable the service to change it.');
  await expect(form.getByLabel('Hostname', { exact: true })).toBeDisabled();
  await expect(password).toBeDisabled();
  await expect(form.getByRole('button', { name: 'Apply' })).toBeDisabled();
  await editor.screenshot('controller-service-enabled');
  await form.getByRole('button', { name: 'Back to services' }).click();
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();

  // The processor's service select lists it with its state; choosing it is applied.
  const panel = await editor.configure(editor.card('List inbox'));
  const select = panel.getByLabel('SFTP Connection Service');
  await expect(select.locator('option')).toHaveText([
    'Not set',
    'Inbox server (Enabled)',
    'Create new service…',
  ]);
  await select.selectOption({ label: 'Inbox server (Enabled)' });
  await editor.apply(panel);
  await expect(panel.locator('[data-property="sftp"]').getByTestId('field-error')).toHaveCount(0);

  // "Go to service" opens the dialog at it, which now names its user.
  await panel.getByRole('button', { name: 'Go to service' }).click();
  await expect(row).toHaveAttribute('aria-current', 'true');
  await expect(row.getByTestId('service-users')).toContainText('List inbox');
  await editor.screenshot('controller-services');

  // Disable: the processor's reference becomes a problem at its field.
  await row.getByRole('button', { name: 'Disable' }).click();
  await expect(state).toHaveAttribute('data-state', 'DISABLED');
  await expect(form.getByLabel('Hostname', { exact: true })).toBeHidden();
  // Used by a processor, it cannot be deleted: the refusal shows at the service.
  await row.getByRole('button', { name: 'Delete' }).click();
  await page.getByTestId('delete-service-dialog').getByRole('button', { name: 'Delete' }).click();
  await expect(dialog.getByTestId('service-error')).toHaveText(
    "Cannot delete 'Inbox server': used by 'List inbox'",
  );
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(panel.locator('[data-property="sftp"]').getByTestId('field-error')).toContainText(
    'not enabled',
  );

  // Once the processor no longer uses it, Delete (after the question) removes it.
  await select.selectOption({ label: 'Not set' });
  await editor.apply(panel);
  await page.getByRole('button', { name: 'Controller Services' }).click();
  await row.getByRole('button', { name: 'Delete' }).click();
  await page.getByTestId('delete-service-dialog').getByRole('button', { name: 'Delete' }).click();
  await expect(row).toHaveCount(0);
  await expect(dialog.getByText('This flow has no controller service yet: add one.')).toBeVisible();
  expect(await sluice.api.controllerServices.list.query({ flowId })).toEqual([]);

  // The password reached the server (the service was valid and enabled), never the browser.
  await responses.settled();
  expect(responses.bodies.length).toBeGreaterThan(10);
  for (const text of [...responses.bodies, await page.content()]) {
    expect(text).not.toContain(PASSWORD);
  }
});
