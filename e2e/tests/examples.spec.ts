import { copyFile, readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { Editor } from '../support/editor.js';
import { expect, test } from '../support/sluice.js';

/** The shipped example flows (`examples/seed-*.json`), each documented in docs/examples.md. */
const EXAMPLES = path.resolve(import.meta.dirname, '../../examples');
const DOCS_IMAGES = path.resolve(import.meta.dirname, '../../docs/images');

const seedFiles = (await readdir(EXAMPLES)).filter((f) => /^seed-.*\.json$/.test(f)).sort();

interface ExampleDocument {
  flow: { name: string; processors: { name: string }[]; connections: unknown[] };
}

for (const file of seedFiles) {
  test(`the shipped example ${file} imports and draws every processor and connection`, async ({
    page,
    sluice,
  }) => {
    const json = await readFile(path.join(EXAMPLES, file), 'utf8');
    const example = JSON.parse(json) as ExampleDocument;
    const { id } = await sluice.api.flows.import.mutate({ json });
    const editor = new Editor(page);
    await editor.open(sluice.url, id);

    await expect(page.getByTestId('processor-card')).toHaveCount(example.flow.processors.length);
    for (const processor of example.flow.processors) {
      await expect(editor.card(processor.name).first()).toBeVisible();
    }
    await expect(page.getByTestId('connection-label')).toHaveCount(example.flow.connections.length);

    // The picture in docs/examples.md: refreshed from this test with SLUICE_DOCS_IMAGES=1.
    const name = file.replace(/^(seed-[0-9-]+?)-[a-z].*$/, '$1');
    await editor.screenshot(name);
    if (process.env['SLUICE_DOCS_IMAGES'] === '1') {
      await copyFile(`artifacts/${name}.png`, path.join(DOCS_IMAGES, `${name}.png`));
    }
  });
}
