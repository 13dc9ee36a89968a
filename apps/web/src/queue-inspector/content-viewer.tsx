import { useMemo, useState } from 'react';
import { formatBytes } from '../format.js';
import { hexRows } from './hex-format.js';
import { prettyJson } from './json-pretty.js';
import { CHARSETS, useContent, type Charset, type ContentState } from './use-content.js';

/** The views of a content. */
type ContentTab = 'text' | 'json' | 'hex';

const TABS: readonly { readonly id: ContentTab; readonly label: string }[] = [
  { id: 'text', label: 'Text' },
  { id: 'json', label: 'JSON' },
  { id: 'hex', label: 'Hex' },
];

/** Which flowfile's content to show. */
export interface ContentViewerProps {
  readonly flowId: string;
  readonly connectionId: string;
  readonly flowFileId: string;
  readonly size: number;
}

/**
 * A flowfile's content as text (in a chosen character set), as pretty-printed JSON, or as a hex
 * dump; loaded range by range with "Load more", so a large content shows at once.
 */
export function ContentViewer(props: ContentViewerProps) {
  const [tab, setTab] = useState<ContentTab>('text');
  const [charset, setCharset] = useState<Charset>('utf-8');
  if (props.size === 0) {
    return (
      <p className="qi-note" data-testid="content-empty">
        This flowfile has no content.
      </p>
    );
  }
  return (
    <section className="qi-content" aria-label="Content">
      <div className="qi-content-bar">
        <div role="tablist" aria-label="Content view" className="qi-tabs">
          {TABS.map((t) => (
            <button
              key={t.id}
              type="button"
              role="tab"
              aria-selected={tab === t.id}
              className={`qi-tab${tab === t.id ? ' selected' : ''}`}
              onClick={() => setTab(t.id)}
            >
              {t.label}
            </button>
          ))}
        </div>
        {tab !== 'hex' && (
          <label className="qi-inline">
            Character set
            <select value={charset} onChange={(e) => setCharset(e.target.value as Charset)}>
              {CHARSETS.map((c) => (
                <option key={c} value={c}>
                  {c}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {tab === 'hex' ? (
        <HexView key={props.flowFileId} {...props} />
      ) : (
        <TextView
          key={`${props.flowFileId}:${charset}`}
          {...props}
          charset={charset}
          json={tab === 'json'}
        />
      )}
    </section>
  );
}

function TextView(props: ContentViewerProps & { charset: Charset; json: boolean }) {
  const content = useContent({ ...props, kind: 'text' }, props.size);
  const pretty = useMemo(
    () => (props.json ? prettyJson(content.text, content.complete) : undefined),
    [props.json, content.text, content.complete],
  );
  return (
    <>
      {props.json && pretty && !pretty.ok && content.loaded > 0 ? (
        <p className="qi-note" role="status" data-testid="content-json-error">
          {pretty.message}
        </p>
      ) : (
        <pre className="qi-pre" data-testid={props.json ? 'content-json' : 'content-text'}>
          {pretty?.ok ? pretty.text : content.text}
        </pre>
      )}
      <LoadFooter content={content} />
    </>
  );
}

function HexView(props: ContentViewerProps) {
  const content = useContent({ ...props, kind: 'bytes', charset: 'utf-8' }, props.size);
  const lines = useMemo(
    () =>
      hexRows(content.bytes)
        .map((row) => `${row.offset}  ${row.hex}  |${row.ascii}|`)
        .join('\n'),
    [content.bytes],
  );
  return (
    <>
      <pre className="qi-pre qi-hex" data-testid="content-hex">
        {lines}
      </pre>
      <LoadFooter content={content} />
    </>
  );
}

function LoadFooter({ content }: { readonly content: ContentState }) {
  return (
    <div className="qi-content-footer">
      <span data-testid="content-loaded">
        {content.complete
          ? `${formatBytes(content.size)}, all loaded`
          : `${formatBytes(content.loaded)} of ${formatBytes(content.size)} loaded`}
      </span>
      {content.error && (
        <span className="qi-error" role="alert">
          {content.error}
        </span>
      )}
      {!content.complete && (
        <button type="button" className="btn" disabled={content.loading} onClick={content.loadMore}>
          {content.loading ? 'Loading…' : 'Load more'}
        </button>
      )}
    </div>
  );
}
