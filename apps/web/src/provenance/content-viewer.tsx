import { useEffect, useState } from 'react';
import { api, errorMessage } from '../api/client.js';
import { formatBytes } from '../format.js';
import type { Loaded } from './provenance-store.js';
import type { ContentPreview, ContentSide } from './types.js';

/** Bytes one page of the viewer shows. */
export const PAGE_BYTES = 16 * 1024;

/** Props of {@link ContentViewer}. */
export interface ContentViewerProps {
  readonly flowId: string;
  readonly eventId: number;
  readonly side: ContentSide;
  readonly size: number;
  onClose(): void;
}

/** Where the download route serves one side of an event's content. */
export function contentUrl(flowId: string, eventId: number, side: ContentSide): string {
  return `/api/flows/${encodeURIComponent(flowId)}/provenance/${eventId}/content?side=${side}`;
}

/**
 * The content before or after an event, a page at a time, as text or as a hex dump (binary
 * content opens as hex), with a link that downloads all of it.
 */
export function ContentViewer({ flowId, eventId, side, size, onClose }: ContentViewerProps) {
  const [format, setFormat] = useState<'text' | 'hex' | null>(null);
  const [offset, setOffset] = useState(0);
  // An answer is kept with the request it answers: another request shows as loading at once.
  const key = `${flowId}:${eventId}:${side}:${offset}:${format ?? ''}`;
  const [answer, setAnswer] = useState<{ key: string; preview: Loaded<ContentPreview> } | null>(
    null,
  );

  useEffect(() => {
    let live = true;
    const asked = `${flowId}:${eventId}:${side}:${offset}:${format ?? ''}`;
    api.provenance.content
      .query({ flowId, eventId, side, offset, length: PAGE_BYTES, format: format ?? 'text' })
      .then((value) => {
        if (!live) return;
        // Bytes that are not text open as hex the first time.
        if (format === null && value.binary) setFormat('hex');
        else setAnswer({ key: asked, preview: { status: 'ready', value } });
      })
      .catch((error: unknown) => {
        if (live) {
          setAnswer({ key: asked, preview: { status: 'failed', message: errorMessage(error) } });
        }
      });
    return () => {
      live = false;
    };
  }, [flowId, eventId, side, offset, format]);

  const preview: Loaded<ContentPreview> =
    answer?.key === key ? answer.preview : { status: 'loading' };
  const shown = format ?? 'text';
  const end = Math.min(size, offset + PAGE_BYTES);
  return (
    <section
      className="provenance-content"
      aria-label={`${side === 'input' ? 'Input' : 'Output'} content`}
    >
      <div className="provenance-content-bar">
        <strong>{side === 'input' ? 'Input' : 'Output'} content</strong>
        <span className="provenance-muted">
          {size > PAGE_BYTES ? `bytes ${offset}–${end} of ${size}` : formatBytes(size)}
        </span>
        <span className="provenance-spacer" />
        <div role="group" aria-label="View as" className="provenance-toggle">
          {(['text', 'hex'] as const).map((f) => (
            <button
              key={f}
              type="button"
              className="btn"
              aria-pressed={shown === f}
              onClick={() => setFormat(f)}
            >
              {f === 'text' ? 'Text' : 'Hex'}
            </button>
          ))}
        </div>
        {size > PAGE_BYTES && (
          <>
            <button
              type="button"
              className="btn"
              disabled={offset === 0}
              onClick={() => setOffset(Math.max(0, offset - PAGE_BYTES))}
            >
              Previous
            </button>
            <button
              type="button"
              className="btn"
              disabled={end >= size}
              onClick={() => setOffset(offset + PAGE_BYTES)}
            >
              Next
            </button>
          </>
        )}
        <a className="btn" href={contentUrl(flowId, eventId, side)} download>
          Download
        </a>
        <button type="button" className="icon-btn" aria-label="Hide content" onClick={onClose}>
          ×
        </button>
      </div>
      {preview.status === 'loading' && <p className="provenance-status">Reading content…</p>}
      {preview.status === 'failed' && (
        <p className="provenance-error" role="alert">
          {preview.message}
        </p>
      )}
      {preview.status === 'ready' && (
        <pre className={`provenance-preview ${preview.value.format}`} data-testid="content-preview">
          {preview.value.text}
        </pre>
      )}
    </section>
  );
}
