import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';

/** The content the fake server holds, and the ranges asked of it. */
const served = vi.hoisted(() => ({ bytes: Buffer.alloc(0) as Buffer, asked: [] as unknown[] }));

vi.mock('../api/client.js', () => ({
  errorMessage: (e: unknown) => String(e),
  api: {
    queues: {
      content: {
        query: async (input: {
          offset: number;
          length: number;
          encoding: 'text' | 'base64';
          charset: 'utf-8' | 'latin1';
        }) => {
          served.asked.push(input);
          const size = served.bytes.length;
          const end = Math.min(size, input.offset + input.length);
          const slice = served.bytes.subarray(input.offset, end);
          return {
            offset: input.offset,
            length: slice.length,
            size,
            complete: end >= size,
            encoding: input.encoding,
            charset: input.encoding === 'text' ? input.charset : null,
            data:
              input.encoding === 'text'
                ? slice.toString(input.charset === 'latin1' ? 'latin1' : 'utf8')
                : slice.toString('base64'),
          };
        },
      },
    },
  },
}));

const { ContentViewer } = await import('./content-viewer.js');

afterEach(() => {
  cleanup();
  served.asked = [];
});

function show(content: string | Buffer) {
  served.bytes = Buffer.isBuffer(content) ? content : Buffer.from(content);
  render(<ContentViewer flowId="f" connectionId="c" flowFileId="ff" size={served.bytes.length} />);
}

describe('ContentViewer', () => {
  it('shows text, then the same content pretty-printed as JSON and as hex', async () => {
    show('{"greeting":"héllo"}');
    await waitFor(() =>
      expect(screen.getByTestId('content-text').textContent).toBe('{"greeting":"héllo"}'),
    );
    fireEvent.click(screen.getByRole('tab', { name: 'JSON' }));
    await waitFor(() =>
      expect(screen.getByTestId('content-json').textContent).toBe('{\n  "greeting": "héllo"\n}'),
    );
    fireEvent.click(screen.getByRole('tab', { name: 'Hex' }));
    await waitFor(() =>
      expect(screen.getByTestId('content-hex').textContent).toContain(
        '00000000  7b 22 67 72 65 65 74 69  6e 67 22 3a 22 68 c3 a9  |{"greeting":"h..|',
      ),
    );
  });

  it('says when content is not JSON', async () => {
    show('plain words');
    fireEvent.click(screen.getByRole('tab', { name: 'JSON' }));
    await waitFor(() =>
      expect(screen.getByTestId('content-json-error').textContent).toMatch(/not valid JSON/),
    );
  });

  it('decodes with the chosen character set', async () => {
    show(Buffer.from([0x63, 0x61, 0x66, 0xe9]));
    fireEvent.change(screen.getByLabelText('Character set'), { target: { value: 'latin1' } });
    await waitFor(() => expect(screen.getByTestId('content-text').textContent).toBe('café'));
  });

  it('loads a large content range by range', async () => {
    show('x'.repeat(64 * 1024 + 10));
    await waitFor(() =>
      expect(screen.getByTestId('content-loaded').textContent).toBe('64 KB of 64 KB loaded'),
    );
    expect(screen.getByTestId('content-text').textContent).toHaveLength(64 * 1024);
    fireEvent.click(screen.getByRole('button', { name: 'Load more' }));
    await waitFor(() =>
      expect(screen.getByTestId('content-loaded').textContent).toBe('64 KB, all loaded'),
    );
    expect(screen.getByTestId('content-text').textContent).toHaveLength(64 * 1024 + 10);
    expect(screen.queryByRole('button', { name: 'Load more' })).toBeNull();
    expect(served.asked).toMatchObject([{ offset: 0 }, { offset: 64 * 1024 }]);
  });

  it('says when there is no content, without asking the server', () => {
    show('');
    expect(screen.getByTestId('content-empty')).toBeTruthy();
    expect(served.asked).toEqual([]);
  });
});
