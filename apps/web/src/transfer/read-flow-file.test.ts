import { afterEach, describe, expect, it, vi } from 'vitest';
import { MAX_IMPORT_BYTES, megabytes, readFlowFile } from './read-flow-file.js';

/** A File that claims a size without holding that many bytes. */
function fileOfSize(name: string, size: number): File {
  const file = new File(['{}'], name, { type: 'application/json' });
  Object.defineProperty(file, 'size', { value: size });
  return file;
}

/** A FileReader that fails as a browser's does when the file went away after it was chosen. */
class FailingReader extends EventTarget {
  result: string | null = null;
  error = new DOMException('The file was moved', 'NotReadableError');
  onload: (() => void) | null = null;
  onerror: (() => void) | null = null;
  readAsText(): void {
    setTimeout(() => this.onerror?.());
  }
}

afterEach(() => vi.unstubAllGlobals());

describe('readFlowFile', () => {
  it('gives the text of a flow file', async () => {
    // Given a small JSON file
    const file = new File(['{ "schemaVersion": 1 }'], 'flow.json', { type: 'application/json' });
    // When it is read
    const read = await readFlowFile(file);
    // Then its text comes back unchanged
    expect(read).toEqual({ ok: true, text: '{ "schemaVersion": 1 }' });
  });

  it('drops a leading byte order mark, as editors on Windows write one', async () => {
    const file = new File(['\uFEFF{}'], 'bom.json');
    expect(await readFlowFile(file)).toEqual({ ok: true, text: '{}' });
  });

  it('takes a file of exactly 10 MB', async () => {
    const read = await readFlowFile(fileOfSize('edge.json', MAX_IMPORT_BYTES));
    expect(read.ok).toBe(true);
  });

  it('refuses a file over 10 MB without reading it, naming the file and both sizes', async () => {
    vi.stubGlobal('FileReader', FailingReader);
    const file = fileOfSize('dump.json', 11 * 1024 * 1024);
    const read = await readFlowFile(file);
    expect(read).toEqual({
      ok: false,
      message: 'dump.json is 11 MB; an import takes at most 10 MB',
    });
  });

  it('turns a read failure into a message', async () => {
    vi.stubGlobal('FileReader', FailingReader);
    expect(await readFlowFile(new File(['{}'], 'gone.json'))).toEqual({
      ok: false,
      message: 'Could not read gone.json: The file was moved',
    });
  });
});

describe('megabytes', () => {
  it('rounds to one decimal', () => {
    expect(megabytes(10.5 * 1024 * 1024)).toBe('10.5 MB');
    expect(megabytes(1234)).toBe('0 MB');
  });
});
