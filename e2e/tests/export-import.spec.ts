import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { Editor } from '../support/editor.js';
import { smallFlow } from '../support/small-flow.js';
import { expect, test } from '../support/sluice.js';

/** The NiFi 2 flow definition of the local demo, as NiFi's "Download flow definition" gives it. */
const NIFI_DEMO = path.resolve(
  import.meta.dirname,
  '../../packages/nifi-import/test/fixtures/local-demo.nifi.json',
);

test('export a flow to a file and import it back as a new flow', async ({
  page,
  sluice,
}, testInfo) => {
  const editor = new Editor(page);
  const flowId = await smallFlow(sluice, 'Daily ingest');
  await editor.open(sluice.url, flowId);
  await expect(editor.card('Make files')).toBeVisible();

  // Export: the download is the server's export, byte for byte, under its file name.
  const file = await editor.exportFlow(testInfo.outputPath('export'));
  const exported = await sluice.api.flows.export.query({ flowId });
  expect(path.basename(file)).toBe(exported.fileName);
  expect(await readFile(file, 'utf8')).toBe(exported.json);

  // Import it: a new flow, opened, with the same cards.
  const report = await editor.importFlow(file);
  await expect(report).toHaveAccessibleName('Imported Daily ingest');
  await expect(report).toContainText('Everything was carried over');
  const flows = await sluice.api.flows.list.query();
  expect(flows).toHaveLength(2);
  const imported = flows.find((f) => f.id !== flowId)!;
  await expect(page).toHaveURL(new RegExp(`/flows/${imported.id}$`));
  await expect(page.getByTestId('flow-picker')).toHaveValue(imported.id);
  await editor.screenshot('08-import-report');
  await report.getByRole('button', { name: 'Close' }).click();
  await expect(report).toBeHidden();
  await expect(editor.card('Make files')).toBeVisible();
  await expect(editor.card('Log them')).toBeVisible();
  await expect(page.getByTestId('connection-label')).toHaveCount(1);
});

test('import a NiFi flow definition, with a report of what it converted', async ({
  page,
  sluice,
}) => {
  const editor = new Editor(page);
  const flowId = await sluice.emptyFlow('Start');
  await editor.open(sluice.url, flowId);

  const report = await editor.importFlow(NIFI_DEMO);
  await expect(report).toHaveAccessibleName('Imported Local demo from NiFi');
  await expect(report).toContainText('Converted from a NiFi flow definition');
  // Each line of the report names where in the NiFi file it is about.
  await expect(report.getByRole('listitem').first()).toContainText('flowContents.processors[');
  await editor.screenshot('10-import-nifi');
  await report.getByRole('button', { name: 'Close' }).click();
  for (const name of ['List demo input', 'Fetch file', 'Strip quotes', 'Write demo output']) {
    await expect(editor.card(name)).toBeVisible();
  }
  await expect(page.getByTestId('processor-card')).toHaveCount(6);
  await expect(page.getByTestId('connection-label')).toHaveCount(8);
});

test('a broken flow file is refused with every problem by JSON path', async ({
  page,
  sluice,
}, testInfo) => {
  const editor = new Editor(page);
  const flowId = await smallFlow(sluice, 'To break');
  await editor.open(sluice.url, flowId);
  // The export, with the connection's destination gone and a processor's type not a name.
  const { json } = await sluice.api.flows.export.query({ flowId });
  const document = JSON.parse(json) as {
    flow: { processors: { type: unknown }[]; connections: { destination?: unknown }[] };
  };
  delete document.flow.connections[0]!.destination;
  document.flow.processors[1]!.type = 42;
  const broken = testInfo.outputPath('broken.json');
  await writeFile(broken, JSON.stringify(document, null, 2));

  const errors = await editor.importFlow(broken, 'import-errors');
  await expect(errors).toHaveAccessibleName('Could not import broken.json');
  const problems = errors.getByRole('listitem');
  await expect(problems).toHaveCount(2);
  await expect(problems.filter({ hasText: /^flow\.processors\[1\]\.type — / })).toHaveCount(1);
  await expect(problems.filter({ hasText: /^flow\.connections\[0\]\.destination — / })).toHaveCount(
    1,
  );
  await editor.screenshot('09-import-errors');
  // Nothing was created, and the open flow stays open.
  expect(await sluice.api.flows.list.query()).toHaveLength(1);
  await errors.getByRole('button', { name: 'Close' }).click();
  await expect(errors).toBeHidden();
  await expect(page.getByTestId('flow-picker')).toHaveValue(flowId);

  // Fixed in shape, the file still leads the connection nowhere: that is named by path too.
  document.flow.connections[0]!.destination = { id: 'nowhere' };
  document.flow.processors[1]!.type = 'LogAttribute';
  await writeFile(broken, JSON.stringify(document, null, 2));
  const again = await editor.importFlow(broken, 'import-errors');
  await expect(again.getByRole('listitem')).toHaveText([
    /^flow\.connections\[0\]\.destination\.id — .*"nowhere"/,
  ]);
});
