import { readFile } from 'node:fs/promises';
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import path from 'node:path';
import { Editor } from '../support/editor.js';
import { captureResponses } from '../support/responses.js';
import { expect, test } from '../support/sluice.js';

const SECRET = 'Bearer s3cr3t-Dyn-5b7e21';

let api: Server;
let apiUrl: string;
const received: IncomingHttpHeaders[] = [];

// The HTTP API InvokeHTTP calls: it records the headers each request carries.
test.beforeAll(async () => {
  api = createServer((req, res) => {
    received.push(req.headers);
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    res.end('ok');
  });
  await new Promise<void>((resolve) => api.listen(0, '127.0.0.1', resolve));
  apiUrl = `http://127.0.0.1:${(api.address() as { port: number }).port}/api`;
});

test.afterAll(async () => {
  api.closeAllConnections();
  await new Promise((resolve) => api.close(resolve));
});

test('a sensitive dynamic property is typed once, shown as set, and never comes back to the browser', async ({
  page,
  sluice,
}) => {
  // Given an InvokeHTTP in a flow, and every response and request URL of the page recorded
  const responses = captureResponses(page);
  const requests: { url: string; body: string }[] = [];
  page.on('request', (request) => {
    requests.push({ url: request.url(), body: request.postData() ?? '' });
  });
  const editor = new Editor(page);
  const flowId = await sluice.emptyFlow('Sensitive header');
  const added = await sluice.api.processors.add.mutate({
    flowId,
    type: 'InvokeHTTP',
    name: 'Call API',
    position: { x: 300, y: 200 },
    properties: { httpUrl: apiUrl },
  });
  await sluice.api.processors.update.mutate({
    flowId,
    id: added.processor.id,
    autoTerminatedRelationships: ['Original', 'Response', 'Retry', 'No Retry', 'Failure'],
  });
  await editor.open(sluice.url, flowId);

  // When a dynamic property is added, marked Sensitive, given the secret and applied
  let panel = await editor.configure(editor.card('Call API'));
  await panel.getByRole('button', { name: 'Add property' }).click();
  const row = panel.getByTestId('dynamic-property').last();
  await row.getByLabel('Dynamic property 1', { exact: true }).fill('Authorization');
  await row.getByLabel('Sensitive', { exact: true }).check();
  const value = row.getByLabel('Value of Authorization');
  await expect(value).toHaveAttribute('type', 'password');
  await value.fill(SECRET);
  await editor.apply(panel);

  // Then the row says only that a value is set, and the field is empty again
  await expect(row.getByTestId('dynamic-sensitive-status')).toHaveText('Sensitive value set');
  await expect(value).toHaveValue('');
  await expect(row.getByLabel('Sensitive', { exact: true })).toBeDisabled();
  await editor.closePanel();

  // And after a reload the same: the browser learns that it is set, nothing more
  await page.reload();
  panel = await editor.configure(editor.card('Call API'));
  const reloaded = panel.getByTestId('dynamic-property').last();
  await expect(reloaded.getByTestId('dynamic-sensitive-status')).toHaveText('Sensitive value set');
  await expect(reloaded.getByLabel('Value of Authorization')).toHaveValue('');
  await expect(reloaded.getByLabel('Value of Authorization')).toHaveAttribute('type', 'password');
  await editor.closePanel();

  // The engine still sends the header
  await sluice.api.processors.runOnce.mutate({ flowId, ids: [added.processor.id] });
  await expect.poll(() => received.at(-1)?.authorization).toBe(SECRET);

  // The secret went out once, in the body of the Apply, and never came back or into a URL
  await responses.settled();
  expect(responses.bodies.length).toBeGreaterThan(5);
  for (const text of [...responses.bodies, await page.content()]) {
    expect(text).not.toContain('s3cr3t');
  }
  expect(requests.filter((r) => r.url.includes('s3cr3t'))).toEqual([]);
  const carrying = requests.filter((r) => r.body.includes(SECRET));
  expect(carrying.map((r) => new URL(r.url).pathname)).toEqual(['/trpc/processors.update']);
  // Nor is it in the saved flow file, which keeps the name as sensitive
  const saved = await readFile(path.join(sluice.dataDir, 'flows', `${flowId}.json`), 'utf8');
  expect(saved).not.toContain('s3cr3t');
  expect(saved).toContain('"sensitiveDynamicProperties"');
});
