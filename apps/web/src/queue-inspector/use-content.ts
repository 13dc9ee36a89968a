import { useCallback, useEffect, useState } from 'react';
import { api, errorMessage } from '../api/client.js';
import type { ApiInputs } from '../api/types.js';
import { base64Bytes } from './hex-format.js';
import { CONTENT_CHUNK } from './paging.js';

/** A character set the server decodes text with. */
export type Charset = NonNullable<ApiInputs['queues']['content']['charset']>;

/** Character sets offered in the viewer. */
export const CHARSETS: readonly Charset[] = ['utf-8', 'utf-16le', 'latin1'];

/** Which flowfile's content, read how. */
export interface ContentRequest {
  readonly flowId: string;
  readonly connectionId: string;
  readonly flowFileId: string;
  /** `text` decodes on the server with the charset; `bytes` fetches raw bytes (for hex). */
  readonly kind: 'text' | 'bytes';
  readonly charset: Charset;
}

/** The content loaded so far, from its start. */
export interface ContentState {
  readonly text: string;
  readonly bytes: Uint8Array;
  /** Bytes loaded from the start of the content. */
  readonly loaded: number;
  readonly size: number;
  readonly complete: boolean;
  readonly loading: boolean;
  readonly error: string | null;
  /** Loads the next range ("Load more"), or tries a failed one again. */
  loadMore(): void;
}

const EMPTY = new Uint8Array();

interface Loaded {
  readonly text: string;
  readonly bytes: Uint8Array;
  readonly loaded: number;
  readonly size: number;
  readonly complete: boolean;
  /** The attempt whose answer (or failure) this is. */
  readonly attempt: number;
  readonly error: string | null;
}

/**
 * Loads a flowfile's content range by range: the first range at once, the next one on
 * `loadMore`, so a large content is never fetched whole to be looked at. Give the component
 * using it a `key` per flowfile and character set: a new one starts from the beginning.
 */
export function useContent(request: ContentRequest, size: number): ContentState {
  const { flowId, connectionId, flowFileId, kind, charset } = request;
  // Each attempt asks for the range after what is loaded; attempt 0 is "nothing asked yet".
  const [attempt, setAttempt] = useState(size > 0 ? 1 : 0);
  const [state, setState] = useState<Loaded>({
    text: '',
    bytes: EMPTY,
    loaded: 0,
    size,
    complete: size === 0,
    attempt: 0,
    error: null,
  });
  const from = state.loaded;

  useEffect(() => {
    if (attempt === 0) return;
    let current = true;
    api.queues.content
      .query({
        flowId,
        connectionId,
        flowFileId,
        offset: from,
        length: CONTENT_CHUNK,
        encoding: kind === 'text' ? 'text' : 'base64',
        charset,
      })
      .then(
        (range) => {
          if (!current) return;
          setState((before) => ({
            text: kind === 'text' ? before.text + range.data : '',
            bytes: kind === 'bytes' ? concat(before.bytes, base64Bytes(range.data)) : EMPTY,
            loaded: range.offset + range.length,
            size: range.size,
            complete: range.complete,
            attempt,
            error: null,
          }));
        },
        (failure: unknown) => {
          if (current) setState((before) => ({ ...before, attempt, error: errorMessage(failure) }));
        },
      );
    return () => {
      current = false;
    };
    // A new attempt is what starts a load; `from` is read as it was when it was asked for.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [attempt, flowId, connectionId, flowFileId, kind, charset]);

  const loading = attempt !== state.attempt;
  const loadMore = useCallback(() => {
    if (!state.complete && !loading) setAttempt((a) => a + 1);
  }, [state.complete, loading]);

  return {
    text: state.text,
    bytes: state.bytes,
    loaded: state.loaded,
    size: state.size,
    complete: state.complete,
    loading,
    error: state.error,
    loadMore,
  };
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  if (a.length === 0) return b;
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}
