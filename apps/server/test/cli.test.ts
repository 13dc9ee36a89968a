import { spawn } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const tsx = createRequire(import.meta.url).resolve('tsx');
const sluice = path.resolve(import.meta.dirname, '../src/sluice.ts');
const dirs: string[] = [];
afterAll(async () => {
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the real `sluice` command; `until` (on stdout) sends SIGINT, as an operator's Ctrl+C. */
function runSluice(args: string[], until?: (stdout: string) => boolean): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      ['--conditions=@sluice/source', '--import', tsx, sluice, ...args],
      { stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    let stderr = '';
    let interrupted = false;
    child.stdout.on('data', (d: Buffer) => {
      stdout += d.toString();
      if (until && !interrupted && until(stdout)) {
        interrupted = true;
        child.kill('SIGINT');
      }
    });
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

async function tempDir(): Promise<string> {
  const dir = await mkdtemp(path.join(tmpdir(), 'sluice-cli-'));
  dirs.push(dir);
  return dir;
}

const examples = path.resolve(import.meta.dirname, '../../../examples');

describe('sluice validate', () => {
  it('accepts the local demo flow', async () => {
    const run = await runSluice(['validate', path.join(examples, 'local-demo.json')]);
    expect(run.stderr).toBe('');
    expect(run.stdout).toContain("valid flow 'Local demo");
    expect(run.code).toBe(0);
  });

  it('prints every problem by JSON path and exits non-zero', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'bad.json');
    await writeFile(
      file,
      JSON.stringify({
        schemaVersion: 1,
        flow: {
          id: 'bad',
          name: 'Bad',
          processors: [
            { id: 'a', type: 'NoSuchThing', name: 'A', position: { x: 0, y: 0 } },
            {
              id: 'r',
              type: 'ReplaceText',
              name: 'R',
              position: { x: 0, y: 0 },
              properties: { searchValue: '(unclosed' },
              autoTerminatedRelationships: ['success', 'failure'],
            },
            {
              id: 'u',
              type: 'UpdateAttribute',
              name: 'U',
              position: { x: 0, y: 0 },
              properties: { x: '${filename:nope()}' },
              autoTerminatedRelationships: ['success'],
            },
          ],
        },
      }),
    );
    const run = await runSluice(['validate', file]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `${file}: flow.processors[0].type: Unknown processor type 'NoSuchThing'`,
    );
    expect(run.stderr).toContain(`${file}: flow.processors[1].properties.searchValue:`);
    expect(run.stderr).toMatch(/flow\.processors\[2\]\.properties\.x: .*nope/);
  });

  it('reports invalid JSON with its position', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'broken.json');
    await writeFile(file, '{ "schemaVersion": 1, "flow": ');
    const run = await runSluice(['validate', file]);
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/line 1/);
  });

  it('says so when the file does not exist', async () => {
    const run = await runSluice(['validate', '/nonexistent/flow.json']);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain('cannot read /nonexistent/flow.json');
  });
});

describe('sluice run', () => {
  it('runs a flow headless, printing queued counts per connection, and stops on Ctrl+C', async () => {
    const dir = await tempDir();
    const output = path.join(dir, 'out');
    await writeFile(
      path.join(dir, 'flow.json'),
      JSON.stringify({
        schemaVersion: 1,
        flow: {
          id: 'run',
          name: 'Run',
          processors: [
            {
              id: 'gen',
              type: 'GenerateFlowFile',
              name: 'Generate',
              position: { x: 0, y: 0 },
              properties: { customText: 'hello', batchSize: '5' },
              scheduling: { period: '1 min' },
            },
            {
              id: 'up',
              type: 'ReplaceText',
              name: 'Upper',
              position: { x: 0, y: 0 },
              properties: { searchValue: '(?s)(^.*$)', replacementValue: "${'$1':toUpper()}" },
              autoTerminatedRelationships: ['failure'],
            },
            {
              id: 'put',
              type: 'PutFile',
              name: 'Put',
              position: { x: 0, y: 0 },
              properties: { directory: output },
              autoTerminatedRelationships: ['success', 'failure'],
            },
          ],
          connections: [
            {
              id: 'c1',
              source: { id: 'gen' },
              relationships: ['success'],
              destination: { id: 'up' },
            },
            {
              id: 'c2',
              source: { id: 'up' },
              relationships: ['success'],
              destination: { id: 'put' },
            },
          ],
        },
      }),
    );
    const run = await runSluice(
      [
        'run',
        path.join(dir, 'flow.json'),
        '--data-dir',
        path.join(dir, 'data'),
        '--interval',
        '200',
      ],
      (out) =>
        /Upper -\[success\]-> Put: 0 /.test(out) &&
        out.split('\n').filter((l) => l.includes('Generate -[success]-> Upper: 0 ')).length > 1,
    );
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/Generate -\[success\]-> Upper: \d+ \(/);
    const files = await readdir(output);
    expect(files).toHaveLength(5);
    expect(await readFile(path.join(output, files[0]!), 'utf8')).toBe('HELLO');
  });
});

const nifiDemo = path.resolve(
  import.meta.dirname,
  '../../../packages/nifi-import/test/fixtures/local-demo.nifi.json',
);

describe('sluice export', () => {
  it('writes a flow file as its deterministic JSON, the same bytes each time', async () => {
    const dir = await tempDir();
    const out = path.join(dir, 'out.json');
    const run = await runSluice(['export', path.join(examples, 'local-demo.json'), '-o', out]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toContain(`exported 'Local demo`);
    const printed = await runSluice(['export', path.join(examples, 'local-demo.json')]);
    expect(printed.stdout).toBe(await readFile(out, 'utf8'));
    expect(JSON.parse(printed.stdout).flow.id).toBe('local-demo');
  });

  it('exports a flow saved in a data directory by id, and says which id is missing', async () => {
    const dir = await tempDir();
    const imported = await runSluice(['import', nifiDemo, '--data-dir', dir]);
    const id = /as flow (\S+):/.exec(imported.stdout)?.[1];
    expect(id).toBeDefined();
    const run = await runSluice(['export', '--data-dir', dir, '--flow-id', id!]);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).flow).toMatchObject({ id, name: 'Local demo' });
    const missing = await runSluice(['export', '--data-dir', dir, '--flow-id', 'nope']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain(`cannot read ${path.join(dir, 'flows', 'nope.json')}`);
    const both = await runSluice(['export', 'x.json', '--flow-id', 'y']);
    expect(both.code).toBe(2);
  });
});

describe('sluice import', () => {
  it('saves a NiFi flow definition as a new flow and prints what was not mapped', async () => {
    const dir = await tempDir();
    const run = await runSluice(['import', nifiDemo, '--data-dir', dir, '--name', 'From NiFi']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/^imported NiFi flow definition 'From NiFi' as flow \S+: /);
    expect(run.stdout).toContain(
      '  note: flowContents.processors[0].properties["Listing Strategy"]: property \'Listing Strategy\'',
    );
    const [saved] = await readdir(path.join(dir, 'flows'));
    const validated = await runSluice(['validate', path.join(dir, 'flows', saved!)]);
    expect(validated.code).toBe(0);
    // A second import is a second flow.
    await runSluice(['import', nifiDemo, '--data-dir', dir]);
    expect(await readdir(path.join(dir, 'flows'))).toHaveLength(2);
  });

  it('prints every problem by JSON path and exits non-zero, saving nothing', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'bad.json');
    await writeFile(
      file,
      JSON.stringify({
        schemaVersion: 1,
        flow: {
          id: 'bad',
          name: 'Bad',
          processors: [
            { id: 'a', type: 'NoSuchThing', name: 'A', position: { x: 0, y: 0 } },
            { id: 'b', type: 'LogAttribute', name: 'B', position: { x: 0, y: 0 } },
          ],
        },
      }),
    );
    const run = await runSluice(['import', file, '--data-dir', dir]);
    expect(run.code).toBe(1);
    expect(run.stderr).toContain(
      `${file}: flow.processors[0].type: Unknown processor type 'NoSuchThing'`,
    );
    const broken = path.join(dir, 'broken.json');
    await writeFile(broken, '{"flowContents": {"identifier": "g", "processors": [{}]}}');
    const nifi = await runSluice(['import', broken, '--data-dir', dir]);
    expect(nifi.code).toBe(1);
    expect(nifi.stderr).toContain(`${broken}: flowContents.processors[0].identifier:`);
    await expect(readdir(path.join(dir, 'flows'))).rejects.toThrow();
  });
});
