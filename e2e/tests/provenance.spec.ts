import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Editor } from '../support/editor.js';
import { ProvenanceView } from '../support/provenance.js';
import { expect, test, type SluiceFixture } from '../support/sluice.js';

/**
 * Generate → Stamp (UpdateAttribute) → Wrap (ReplaceText) → success to Store (PutFile) and to
 * Audit (LogAttribute): two connections of one relationship, so Wrap clones each flowfile.
 * Store's success waits in front of a stopped Hold, which keeps the wrapped content alive.
 */
async function buildFlow(sluice: SluiceFixture, flowId: string, out: string) {
  const add = async (type: string, name: string, x: number, properties = {}, y = 120) =>
    (
      await sluice.api.processors.add.mutate({
        flowId,
        type,
        name,
        position: { x, y },
        properties,
      })
    ).processor.id;
  const generate = await add('GenerateFlowFile', 'Generate', 0, { customText: 'hello sluice' });
  const stamp = await add('UpdateAttribute', 'Stamp', 320, { stage: 'stamped' });
  const wrap = await add('ReplaceText', 'Wrap', 640, { replacementValue: 'replaced: $1' });
  const store = await add('PutFile', 'Store', 960, { directory: out });
  const audit = await add('LogAttribute', 'Audit', 960, {}, 360);
  const hold = await add('LogAttribute', 'Hold', 1280);
  const connect = (source: string, destination: string) =>
    sluice.api.connections.add.mutate({ flowId, source, destination, relationships: ['success'] });
  await connect(generate, stamp);
  await connect(stamp, wrap);
  await connect(wrap, store);
  await connect(wrap, audit);
  await connect(store, hold);
  const terminate = (id: string, relationships: string[]) =>
    sluice.api.processors.update.mutate({ flowId, id, autoTerminatedRelationships: relationships });
  await terminate(wrap, ['failure']);
  await terminate(store, ['failure']);
  await terminate(audit, ['success']);
  // One flowfile through every step, in order.
  for (const id of [generate, stamp, wrap, store, audit]) {
    await sluice.api.processors.runOnce.mutate({ flowId, ids: id });
  }
}

test('search provenance by component, open an event, follow its lineage through a clone', async ({
  page,
  sluice,
}) => {
  const out = await mkdtemp(path.join(tmpdir(), 'sluice-e2e-provenance-'));
  const flowId = await sluice.emptyFlow('Provenance');
  await buildFlow(sluice, flowId, out);
  const editor = new Editor(page);
  const provenance = new ProvenanceView(page);
  await editor.open(sluice.url, flowId);

  // Search by the ReplaceText component.
  await provenance.open();
  await provenance.searchByComponent('Wrap (ReplaceText)');
  await expect.poll(() => provenance.rowTypes()).toEqual(['CLONE', 'CONTENT_MODIFIED']);
  await editor.screenshot('provenance-01-search');

  // The content change: attributes before and after, the content it wrote, and its download.
  const modified = await provenance.openRow('CONTENT_MODIFIED');
  await expect(provenance.attribute('stage')).toHaveAttribute('data-changed', 'false');
  await expect(provenance.attribute('stage')).toContainText('stamped');
  await expect(modified.getByTestId('content-output')).toHaveAttribute('data-status', 'available');
  await expect(await provenance.viewContent('output')).toHaveText('replaced: hello sluice');
  const download = await provenance.downloadContent();
  expect(download.text).toBe('replaced: hello sluice');
  const original = (await modified.getByTestId('event-flowfile').textContent())!;
  expect(download.name).toBe(original);
  await editor.screenshot('provenance-02-event');

  // Its lineage: every step of the flowfile and of its clone.
  await provenance.showLineage();
  await expect
    .poll(() => provenance.lineageEventTypes())
    .toEqual(['CREATE', 'ATTRIBUTES_MODIFIED', 'CONTENT_MODIFIED', 'CLONE', 'SEND', 'DROP']);
  await expect(provenance.flowFileNodes()).toHaveCount(2);
  await expect(provenance.eventNode('CONTENT_MODIFIED')).toHaveAttribute('aria-pressed', 'true');
  await editor.screenshot('provenance-03-lineage');

  // The attribute change, from its node: the added attribute is highlighted.
  await provenance.openEventNode('ATTRIBUTES_MODIFIED');
  await expect(provenance.attribute('stage')).toHaveAttribute('data-changed', 'true');
  await expect(provenance.attribute('stage')).toHaveText(/stagenot setstamped/);

  // Follow the clone to its child, and the child back to its parent.
  const clone = await provenance.openEventNode('CLONE');
  const childId = (await clone.getByRole('list', { name: 'Children' }).textContent())!.trim();
  expect(childId).not.toBe(original);
  const child = await provenance.follow(clone, 'Children', childId);
  await expect(child.getByRole('region', { name: 'Parents' })).toContainText(original);
  await expect(
    provenance.graph.locator(`[data-kind="flowfile"][data-flowfile-id="${childId}"]`),
  ).toHaveAttribute('aria-pressed', 'true');
  const parent = await provenance.follow(child, 'Parents', original);
  await expect(parent.getByRole('region', { name: 'Children' })).toContainText(childId);

  // Each branch ends where it went: one was sent to the directory, the other dropped.
  const send = await provenance.openEventNode('SEND');
  await expect(send).toContainText('Store');
  await expect(send).toContainText(`file://${out}`);
  const drop = await provenance.openEventNode('DROP');
  await expect(drop).toContainText('Audit');

  await page.keyboard.press('Escape');
  await expect(provenance.dialog).toBeHidden();

  // From a processor's menu, the view opens already searching that processor's events.
  await editor.menu(editor.card('Store'), 'View provenance');
  await expect(provenance.dialog.getByLabel('Component')).toHaveValue(
    (await sluice.api.flows.get.query({ flowId })).flow.processors.find((p) => p.name === 'Store')!
      .id,
  );
  await expect.poll(() => provenance.rowTypes()).toEqual(['SEND']);
  await rm(out, { recursive: true, force: true });
});
