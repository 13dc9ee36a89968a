import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { errorCode, exists, messageOf } from './file-errors.js';

describe('file errors', () => {
  let directory: string;
  beforeEach(async () => {
    directory = await mkdtemp(path.join(tmpdir(), 'sluice-file-errors-'));
  });
  afterEach(async () => {
    await rm(directory, { recursive: true, force: true });
  });

  it('says whether a path exists, treating only ENOENT as absent', async () => {
    const file = path.join(directory, 'a.txt');
    expect(await exists(file)).toBe(false);
    await writeFile(file, 'a');
    expect(await exists(file)).toBe(true);
    await expect(exists(path.join(file, 'inside'))).rejects.toMatchObject({ code: 'ENOTDIR' });
  });

  it('reads the code and message of what was thrown', () => {
    const error = Object.assign(new Error('gone'), { code: 'ENOENT' });
    expect(errorCode(error)).toBe('ENOENT');
    expect(errorCode('text')).toBeUndefined();
    expect(messageOf(error)).toBe('gone');
    expect(messageOf(42)).toBe('42');
  });
});
