import { Editor } from '../support/editor.js';
import { ADMIN, expect, test } from '../support/sluice.js';

test('a person logs in on the login page; a wrong password is refused', async ({
  browser,
  sluice,
}) => {
  const flowId = await sluice.emptyFlow('Behind a login');
  // A browser without the fixture's session.
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${sluice.url}/flows/${flowId}`);
  await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();
  await expect(page.getByTestId('canvas')).toHaveCount(0);
  // The API answers nothing without a session either.
  expect((await page.request.get(`${sluice.url}/api/status`)).status()).toBe(401);

  await page.getByLabel('User name').fill(ADMIN.username);
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByRole('alert')).toHaveText('Wrong user name or password');

  await page.getByLabel('Password').fill(ADMIN.password);
  await page.getByRole('button', { name: 'Log in' }).click();
  await expect(page.getByTestId('canvas')).toBeVisible();
  await expect(page).toHaveURL(new RegExp(`/flows/${flowId}$`));
  await expect(page.getByTestId('user-menu')).toContainText('admin');
  const cookie = (await context.cookies()).find((c) => c.name === 'sluice_session');
  expect(cookie).toMatchObject({ httpOnly: true, sameSite: 'Strict' });
  // A script in the page cannot read the session.
  expect(await page.evaluate(() => document.cookie)).not.toContain('sluice_session');

  await page.getByRole('button', { name: 'Log out' }).click();
  await expect(page.getByRole('heading', { name: 'Log in' })).toBeVisible();
  await context.close();
});

test('a viewer sees the flow but is refused a start, with the role it needs', async ({
  browser,
  sluice,
}) => {
  const flowId = await sluice.emptyFlow('Watched');
  const generate = await sluice.api.processors.add.mutate({
    flowId,
    type: 'GenerateFlowFile',
    name: 'Generate',
    position: { x: 300, y: 200 },
  });
  await sluice.api.processors.update.mutate({
    flowId,
    id: generate.processor.id,
    autoTerminatedRelationships: ['success'],
  });
  await sluice.addUser('vic', 'viewer', 'vic-password-1');

  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`${sluice.url}/login?next=${encodeURIComponent(`/flows/${flowId}`)}`);
  await page.getByLabel('User name').fill('vic');
  await page.getByLabel('Password').fill('vic-password-1');
  await page.getByRole('button', { name: 'Log in' }).click();
  const editor = new Editor(page);
  await expect(page.getByTestId('canvas')).toBeVisible();
  await expect(page.getByTestId('user-menu')).toContainText('viewer');
  await expect(page.getByRole('button', { name: 'Users' })).toHaveCount(0);

  // The editor offers a viewer nothing it may not do: no palette, Start greyed out with why.
  await expect(page.getByTestId('palette-search')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Start all' })).toBeDisabled();
  await editor.card('Generate').click({ button: 'right' });
  const start = page.getByRole('menu').getByRole('menuitem', { name: 'Start', exact: true });
  await expect(start).toBeDisabled();
  await expect(start).toHaveAttribute('title', 'Needs the operator role');
  await page.keyboard.press('Escape');

  // And the server refuses the start all the same, saying what role it needs.
  const refused = await page.request.post(`${sluice.url}/trpc/processors.start`, {
    data: { flowId, ids: generate.processor.id },
  });
  expect(refused.status()).toBe(403);
  expect(await refused.text()).toContain(
    'vic is a viewer and may not call processors.start: that needs the operator role',
  );
  await expect(editor.card('Generate')).toHaveAttribute('data-state', 'STOPPED');
  const status = await sluice.api.processors.validation.query({
    flowId,
    id: generate.processor.id,
  });
  expect(status[0]?.state).toBe('STOPPED');

  // The admin's audit log has the refusal.
  const audit = await sluice.api.audit.query.query({ user: 'vic' });
  expect(audit[0]).toMatchObject({ action: 'processors.start', outcome: 'refused' });
  await context.close();
});

test('an admin adds a user and sees the audit log', async ({ page, sluice }) => {
  const flowId = await sluice.emptyFlow('Team');
  await new Editor(page).open(sluice.url, flowId);
  await page.getByRole('button', { name: 'Users' }).click();
  const dialog = page.getByTestId('users-dialog');
  const add = dialog.getByRole('form', { name: 'Add a user' });
  await add.getByLabel('User name').fill('olga');
  await add.getByLabel('Role').selectOption('operator');
  await add.getByLabel('Password').fill('olga-password-1');
  await add.getByRole('button', { name: 'Add user' }).click();
  await expect(dialog.locator('[data-testid="user-row"][data-username="olga"]')).toBeVisible();
  await expect(dialog.getByLabel('Role of olga')).toHaveValue('operator');
  await dialog.getByRole('tab', { name: 'Audit log' }).click();
  await expect(dialog.getByTestId('audit-log')).toContainText('users.add');
  const users = await sluice.api.users.list.query();
  expect(users.map((u) => [u.username, u.role])).toContainEqual(['olga', 'operator']);
});
