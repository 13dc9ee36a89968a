import { Editor } from '../support/editor.js';
import { captureResponses } from '../support/responses.js';
import { expect, test } from '../support/sluice.js';

const SECRET = 'pa55-Sluice-7f3c9d';

test('a sensitive value never appears in any response the browser receives', async ({
  page,
  sluice,
}) => {
  // Event streams are left out: the live stream's messages are checked below.
  const responses = captureResponses(page);
  const editor = new Editor(page);
  const flowId = await sluice.emptyFlow('Secrets');
  await editor.open(sluice.url, flowId);
  const generate = await editor.addFromPalette('GenerateFlowFile', { x: 200, y: 250 });
  const sink = await editor.addFromPalette('SecretSink', { x: 600, y: 250 });
  await editor.connect(generate, sink, ['success']);

  let panel = await editor.configure(sink);
  await expect(panel.getByTestId('sensitive-status')).toHaveText('not set');
  await panel.getByLabel('Password').fill(SECRET);
  await panel.getByLabel('Auto-terminate success').check();
  await editor.apply(panel);
  await expect(panel.getByTestId('sensitive-status')).toHaveText('set');
  await expect(panel.getByLabel('Password')).toHaveValue('');
  await editor.closePanel();

  await page.getByRole('button', { name: 'Start all' }).click();
  await expect(sink).toHaveAttribute('data-state', 'RUNNING');
  await expect(sink.getByTestId('card-in')).not.toHaveText(/^0 /, { timeout: 15_000 });
  await page.reload();
  panel = await editor.configure(editor.card('SecretSink'));
  await expect(panel.getByTestId('sensitive-status')).toHaveText('set');
  await editor.closePanel();
  await page.getByRole('button', { name: 'Stop all' }).click();

  // What the live stream sends, read the way the browser reads it.
  const input = encodeURIComponent(JSON.stringify({ flowId }));
  const live = await page.evaluate(async (url) => {
    const response = await fetch(url);
    const reader = response.body!.getReader();
    const { value } = await reader.read();
    await reader.cancel();
    return new TextDecoder().decode(value);
  }, `${sluice.url}/trpc/status.live?input=${input}`);

  await responses.settled();
  expect(responses.bodies.length).toBeGreaterThan(10);
  expect(live).toContain('"kind":"snapshot"');
  for (const text of [...responses.bodies, live, await page.content()]) {
    expect(text).not.toContain(SECRET);
  }
  // The value did reach the server: the processor is valid and ran.
  const status = await sluice.api.processors.validation.query({ flowId });
  expect(status.every((p) => p.issues.length === 0)).toBe(true);
});

const PARAMETER_SECRET = 'param-Secret-4e1a77';

test('a sensitive parameter is set in the editor, survives a restart encrypted, and is never shown', async ({
  page,
  sluice,
}) => {
  const responses = captureResponses(page);
  const editor = new Editor(page);
  const flowId = await sluice.emptyFlow('Parameters');
  const sink = await sluice.api.processors.add.mutate({
    flowId,
    type: 'SecretSink',
    name: 'Login',
    position: { x: 300, y: 200 },
    properties: { password: '#{login.password}' },
  });
  await sluice.api.processors.update.mutate({
    flowId,
    id: sink.processor.id,
    autoTerminatedRelationships: ['success'],
  });
  await editor.open(sluice.url, flowId);

  await page.getByRole('button', { name: 'Parameters' }).click();
  const dialog = page.getByTestId('parameters-dialog');
  await dialog.getByRole('button', { name: 'Add context' }).click();
  await dialog.getByRole('button', { name: 'Add parameter' }).click();
  await dialog.getByLabel('Parameter name').fill('login.password');
  await dialog.getByLabel('login.password is sensitive').check();
  await dialog.getByLabel('Value of login.password').fill(PARAMETER_SECRET);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByRole('status')).toHaveText('Saved');
  await expect(dialog.getByTestId('sensitive-status')).toHaveText('set');
  await expect(dialog.getByLabel('Value of login.password')).toHaveValue('');
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect
    .poll(async () => (await sluice.api.processors.validation.query({ flowId }))[0]?.issues)
    .toEqual([]);

  await sluice.stop();
  await sluice.restart();
  await page.reload();
  await page.getByRole('button', { name: 'Parameters' }).click();
  await expect(dialog.getByTestId('sensitive-status')).toHaveText('set');
  // The secret came back from the encrypted store: the processor that refers to it is valid.
  expect((await sluice.api.processors.validation.query({ flowId }))[0]?.issues).toEqual([]);

  await responses.settled();
  expect(responses.bodies.length).toBeGreaterThan(5);
  for (const text of [...responses.bodies, await page.content()]) {
    expect(text).not.toContain(PARAMETER_SECRET);
  }
});
