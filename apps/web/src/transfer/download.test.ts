import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { downloadText } from './download.js';

/** A blob's text (jsdom's Blob has no `text()`). */
function textOf(blob: Blob): Promise<string> {
  return new Promise((resolve) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result));
    reader.readAsText(blob);
  });
}

describe('downloadText', () => {
  const created: Blob[] = [];
  const revoked: string[] = [];

  beforeEach(() => {
    vi.useFakeTimers();
    // jsdom has no object URLs.
    URL.createObjectURL = (blob: Blob) => {
      created.push(blob);
      return `blob:test/${created.length}`;
    };
    URL.revokeObjectURL = (url: string) => void revoked.push(url);
  });

  afterEach(() => {
    vi.useRealTimers();
    created.length = 0;
    revoked.length = 0;
  });

  it('clicks a download link named by the file name, to a blob of the text, then revokes it', async () => {
    // Given a listener that sees the link as it is clicked
    const clicks: { href: string; download: string; inDocument: boolean }[] = [];
    const onClick = (event: MouseEvent) => {
      const link = event.target as HTMLAnchorElement;
      event.preventDefault(); // jsdom would try to navigate
      clicks.push({ href: link.href, download: link.download, inDocument: link.isConnected });
    };
    document.addEventListener('click', onClick);
    // When a text is downloaded
    downloadText('daily-ingest.json', '{"flow":1}\n');
    document.removeEventListener('click', onClick);
    // Then one link was clicked, with the name, pointing at a JSON blob of the exact text
    expect(clicks).toEqual([
      { href: 'blob:test/1', download: 'daily-ingest.json', inDocument: true },
    ]);
    expect(created[0]?.type).toBe('application/json');
    // and the link is gone, the URL revoked a moment later
    expect(document.querySelector('a')).toBeNull();
    expect(revoked).toEqual([]);
    vi.runAllTimers();
    expect(revoked).toEqual(['blob:test/1']);
    vi.useRealTimers();
    expect(await textOf(created[0]!)).toBe('{"flow":1}\n');
  });
});
