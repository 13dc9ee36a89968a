import { mkdtemp, readdir, rm, symlink } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { indexFileName, provenanceFileName } from './provenance-file.js';
import { ProvenanceRepository } from './provenance-repository.js';

let dir: string;
let errors: Error[];

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sluice-prov-full-'));
  errors = [];
});

afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const open = () => ProvenanceRepository.open(dir, { onError: (error) => errors.push(error) });

describe('ProvenanceRepository on a full disk', () => {
  it('closes and opens even when the index of a file cannot be written, and indexes it later', async () => {
    // given a written event, and the index of its file on a full disk
    const repository = await open();
    repository.append([
      {
        type: 'CREATE',
        time: Date.now(),
        flowFileId: 'a',
        componentId: 'p',
        componentType: 'T',
        attributes: {},
        size: 0,
        contentClaim: null,
        lineageStartDate: Date.now(),
      },
    ]);
    await repository.flush();
    const index = join(dir, `${indexFileName(provenanceFileName(1))}.tmp`);
    await symlink('/dev/full', index);

    // when it closes, then opens on the same full disk
    await repository.close();
    const reopened = await open();

    // then the close reported the index it could not write, the open indexed the file again
    expect(errors.map((e) => (e as NodeJS.ErrnoException).code)).toEqual(['ENOSPC']);
    expect((await reopened.query({})).map((e) => e.flowFileId)).toEqual(['a']);
    await reopened.close();
    expect(await readdir(dir)).toContain(indexFileName(provenanceFileName(1)));
  });
});
