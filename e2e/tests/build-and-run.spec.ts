import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Editor } from '../support/editor.js';
import { expect, test } from '../support/sluice.js';

const THRESHOLD = 50;

test('build GenerateFlowFile → ReplaceText → PutFile on the canvas, run it, back-pressure it, drain it', async ({
  page,
  sluice,
}) => {
  const out = await mkdtemp(path.join(tmpdir(), 'sluice-e2e-out-'));
  const editor = new Editor(page);
  const flowId = await sluice.emptyFlow('Build and run');
  await editor.open(sluice.url, flowId);
  await expect(page.getByTestId('empty-hint')).toBeVisible();
  await editor.screenshot('01-empty-canvas');

  const generate = await editor.addFromPalette('GenerateFlowFile', { x: 200, y: 220 });
  const replace = await editor.addFromPalette('ReplaceText', { x: 600, y: 220 });
  const put = await editor.addFromPalette('PutFile', { x: 1000, y: 220 });
  await expect(page.getByTestId('empty-hint')).toBeHidden();

  await editor.connect(generate, replace, ['success']);
  await editor.connect(replace, put, ['success']);

  let panel = await editor.configure(generate);
  await panel.getByLabel('Custom Text').fill('hello sluice');
  await panel.getByLabel('Batch Size').fill('5');
  await panel.getByLabel(/run schedule/i).fill('100 ms');
  await editor.apply(panel);
  await editor.closePanel();

  panel = await editor.configure(replace);
  await panel.getByLabel('Replacement Value').fill('replaced: $1');
  await panel.getByLabel('Auto-terminate failure').check();
  await editor.apply(panel);
  await editor.closePanel();

  panel = await editor.configure(put);
  await panel.getByLabel('Directory').fill(out);
  await panel.getByLabel('Auto-terminate success').check();
  await panel.getByLabel('Auto-terminate failure').check();
  await editor.apply(panel);
  await editor.closePanel();

  // Low thresholds on both queues, set from the connection panel.
  const flow = await sluice.api.flows.get.query({ flowId });
  const idOf = (name: string) => flow.flow.processors.find((p) => p.type === name)!.id;
  const between = (from: string, to: string) =>
    flow.flow.connections.find((c) => c.source.id === idOf(from) && c.destination.id === idOf(to))!
      .id;
  const intoReplace = page.locator(
    `[data-testid="connection-label"][data-id="${between('GenerateFlowFile', 'ReplaceText')}"]`,
  );
  const intoPut = page.locator(
    `[data-testid="connection-label"][data-id="${between('ReplaceText', 'PutFile')}"]`,
  );
  for (const label of [intoReplace, intoPut]) {
    await label.dblclick();
    const settings = page.getByTestId('connection-panel');
    await settings.getByLabel('Back pressure object threshold').fill(String(THRESHOLD));
    await editor.apply(settings);
    await editor.closePanel();
    await expect(label).toHaveAttribute('data-threshold', String(THRESHOLD));
  }
  for (const card of [generate, replace, put]) {
    await expect(card.getByTestId('card-invalid')).toHaveCount(0);
  }

  await page.getByRole('button', { name: 'Fit view' }).click();
  // The queue in front of PutFile is empty before the start and full once PutFile stops: its
  // label must show both without a reload. (Filling can take less than one stats update, and
  // with a slow PutFile it is full before the stop too, so only the empty start is certain.)
  const seen = new Set<number>([await editor.queued(intoPut)]);
  expect(seen).toEqual(new Set([0]));
  await page.getByRole('button', { name: 'Start all' }).click();
  for (const card of [generate, replace, put]) {
    await expect(card).toHaveAttribute('data-state', 'RUNNING');
  }
  // The count moves while the flow runs, without a reload.
  await expect(put.getByTestId('card-in')).not.toHaveText(/^0 /, { timeout: 15_000 });
  await editor.screenshot('02-running');

  await editor.menu(put, 'Stop');
  await expect(put).toHaveAttribute('data-state', 'STOPPED');
  await expect
    .poll(
      async () => {
        const count = await editor.queued(intoPut);
        seen.add(count);
        return count;
      },
      { timeout: 30_000 },
    )
    .toBeGreaterThanOrEqual(THRESHOLD);
  expect(seen.size).toBeGreaterThan(1);
  await expect
    .poll(() => editor.queued(intoReplace), { timeout: 30_000 })
    .toBeGreaterThanOrEqual(THRESHOLD);
  await expect(generate.getByTestId('card-backpressured')).toBeVisible();
  await expect(intoPut.getByTestId('connection-fill')).toHaveAttribute('data-level', 'red');
  // Held: once full, neither queue grows any more. A session may overshoot by what it took
  // before the queue was full: GenerateFlowFile its batch of 5, ReplaceText up to the whole queue
  // in front of it (it takes up to 1,000 flowfiles a session, as NiFi's takes 100), which a slow
  // machine lets fill before ReplaceText's next session.
  const held = async () => [await editor.queued(intoReplace), await editor.queued(intoPut)];
  let last = await held();
  for (let attempt = 1; ; attempt++) {
    await page.waitForTimeout(1500);
    const now = await held();
    if (now.join() === last.join()) break;
    expect(attempt, `the queues still move: ${last.join()} then ${now.join()}`).toBeLessThan(10);
    last = now;
  }
  const [replaceHeld, putHeld] = last;
  expect(replaceHeld).toBeLessThanOrEqual(THRESHOLD + 5);
  expect(putHeld).toBeLessThanOrEqual(2 * THRESHOLD + 5);
  await editor.screenshot('03-back-pressure');

  await editor.menu(put, 'Start');
  await expect(put).toHaveAttribute('data-state', 'RUNNING');
  await expect
    .poll(async () => (await readdir(out)).length, { timeout: 30_000 })
    .toBeGreaterThan(THRESHOLD);
  await page.getByRole('button', { name: 'Stop all' }).click();
  await expect(generate).toHaveAttribute('data-state', 'STOPPED');
  const files = await readdir(out);
  const contents = await Promise.all(
    files.slice(0, 20).map((f) => readFile(path.join(out, f), 'utf8')),
  );
  for (const content of contents) expect(content).toBe('replaced: hello sluice');
  await rm(out, { recursive: true, force: true });
});
