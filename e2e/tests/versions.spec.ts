import { execFileSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Editor } from '../support/editor.js';
import { expect, test, type SluiceFixture } from '../support/sluice.js';
import { smallFlow } from '../support/small-flow.js';
import { Versions } from '../support/versions.js';

/** The short hashes of a flow's versions by message. */
async function shortHashes(sluice: SluiceFixture, flowId: string): Promise<Record<string, string>> {
  const log = await sluice.api.versions.log.query({ flowId });
  return Object.fromEntries(log.map((v) => [v.message, v.shortHash]));
}

let scratch: string;
test.beforeEach(async () => {
  scratch = await mkdtemp(path.join(tmpdir(), 'sluice-e2e-remote-'));
});
test.afterEach(async () => {
  await rm(scratch, { recursive: true, force: true });
});

test('commit, diff and restore a version, then push it to a bare repository', async ({
  page,
  sluice,
}) => {
  const editor = new Editor(page);
  const versions = new Versions(page);
  const flowId = await smallFlow(sluice, 'Versioned flow');
  await editor.open(sluice.url, flowId);
  await expect(editor.card('Make files')).toBeVisible();
  // A flow never committed has uncommitted changes.
  await expect(versions.indicator).toHaveText('Uncommitted changes');

  // v1
  await versions.open();
  await versions.commit('v1');
  await versions.close();

  // Change a property and add a processor in the editor: the indicator follows by itself.
  const panel = await editor.configure(editor.card('Make files'));
  await panel.getByLabel('Batch Size').fill('7');
  await editor.apply(panel);
  await editor.closePanel();
  await expect(versions.indicator).toHaveText('Uncommitted changes');
  const added = await editor.addFromPalette('UpdateAttribute', { x: 900, y: 500 });
  const addedName = (await added.getAttribute('data-name'))!;

  // v2
  await versions.open();
  await versions.commit('v2');
  const hashes = await shortHashes(sluice, flowId);

  // Diff v1 → v2 on the canvas: the new processor is green, the changed one amber, and the
  // property change is listed.
  await versions.showDiff(hashes['v1']!, hashes['v2']!);
  await expect(added).toHaveClass(/\bdiff-added\b/);
  await expect(editor.card('Make files')).toHaveClass(/\bdiff-changed\b/);
  await expect(editor.card('Log them')).not.toHaveClass(/\bdiff-/);
  const addedItem = versions.diffPanel.locator('[data-testid="diff-item"][data-change="added"]');
  await expect(addedItem).toContainText(addedName);
  const changedItem = versions.diffPanel.getByTestId('diff-item').filter({ hasText: 'Make files' });
  await expect(changedItem).toContainText('Batch Size');
  await expect(changedItem).toContainText('3 → 7');
  await editor.screenshot('versions-diff');
  await versions.diffPanel.getByRole('button', { name: 'Exit diff' }).click();
  await expect(versions.diffPanel).toBeHidden();
  await expect(added).not.toHaveClass(/\bdiff-/);

  // Restore v1: the canvas is v1 again, as an uncommitted change.
  await versions.open();
  await editor.screenshot('versions-dialog');
  await versions.restore(hashes['v1']!);
  await expect(page.getByTestId('processor-card')).toHaveCount(2);
  await expect(editor.card(addedName)).toHaveCount(0);
  const restored = await sluice.api.flows.get.query({ flowId });
  expect(restored.flow.processors.find((p) => p.name === 'Make files')?.properties.batchSize).toBe(
    '3',
  );
  await expect(versions.indicator).toHaveText('Uncommitted changes');

  // Diff v2 → the working copy (v1 again): the processor it removes is a red ghost.
  await versions.dialog.getByLabel(`Pick version ${hashes['v2']!}`).check();
  await versions.dialog.getByLabel('Pick the working copy').check();
  await versions.dialog.getByRole('button', { name: 'Show diff on canvas' }).click();
  const ghost = page.locator(`[data-testid="diff-ghost"][data-name="${addedName}"]`);
  await expect(ghost).toBeVisible();
  await expect(ghost).toHaveAttribute('data-change', 'removed');
  await expect(editor.card('Make files')).toHaveClass(/\bdiff-changed\b/);
  await versions.diffPanel.getByRole('button', { name: 'Exit diff' }).click();
  await expect(ghost).toBeHidden();

  // Push to a bare repository: both versions are there.
  await versions.open();
  const bare = path.join(scratch, 'flows.git');
  execFileSync('git', ['init', '--quiet', '--bare', bare]);
  await versions.setRemote(bare);
  const outcome = await versions.push();
  await expect(outcome).toHaveText(`Pushed 2 versions to ${bare} (main)`);
  const pushed = execFileSync('git', ['--git-dir', bare, 'log', '--format=%s', 'main'], {
    encoding: 'utf8',
  });
  expect(pushed.trim().split('\n')).toEqual(['v2', 'v1']);
});

test('pushing to a remote that is down says so, naming it, and loses nothing', async ({
  page,
  sluice,
}) => {
  const editor = new Editor(page);
  const versions = new Versions(page);
  const flowId = await smallFlow(sluice, 'Offline flow');
  await editor.open(sluice.url, flowId);
  await versions.open();
  await versions.commit('v1');

  const down = 'http://127.0.0.1:9/flows.git';
  await versions.setRemote(down);
  const outcome = await versions.push();
  await expect(outcome).toHaveAttribute('role', 'alert');
  await expect(outcome).toContainText(
    `Push to remote 'origin' (${down}) failed: the remote cannot be reached`,
  );
  await expect(outcome).toContainText('Nothing was lost');
  // The server itself is fine (no "server unreachable" banner), and the version is kept.
  await expect(page.getByTestId('server-banner')).toBeHidden();
  await expect(versions.dialog.getByTestId('version-row')).toHaveCount(2);
  expect((await sluice.api.versions.log.query({ flowId })).map((v) => v.message)).toEqual(['v1']);
  await editor.screenshot('versions-remote-down');
});
