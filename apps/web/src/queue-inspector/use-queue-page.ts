import { useCallback, useEffect, useState } from 'react';
import { api, errorMessage } from '../api/client.js';
import type { ApiInputs, ApiOutputs } from '../api/types.js';

/** A page of a queue listing as the API answers it. */
export type QueuePage = ApiOutputs['queues']['list'];
/** A row of it. */
export type QueueRow = QueuePage['flowFiles'][number];
/** What the listing is sorted by. */
export type QueueSort = NonNullable<ApiInputs['queues']['list']['sort']>;
/** Which way. */
export type QueueDirection = NonNullable<ApiInputs['queues']['list']['direction']>;

/** The request of one page. */
export interface QueuePageRequest {
  readonly flowId: string;
  readonly connectionId: string;
  readonly offset: number;
  readonly limit: number;
  readonly sort: QueueSort;
  readonly direction: QueueDirection;
  readonly filter: string;
  readonly attribute: string;
}

/** A page being loaded, loaded, or failed; the last page stays shown while the next loads. */
export interface QueuePageState {
  readonly page: QueuePage | null;
  /** When the page arrived (queued durations are counted to then). */
  readonly receivedAt: number;
  readonly loading: boolean;
  readonly error: string | null;
  reload(): void;
}

interface Answer {
  readonly key: string;
  readonly page: QueuePage | null;
  readonly receivedAt: number;
  readonly error: string | null;
}

/**
 * Loads a page of a queue whenever the request changes (or `reload` is called). An answer that
 * arrives after a newer request was made is dropped, so a slow filter cannot overwrite a fast one.
 * `onBeyondEnd` is told the total when the page asked for starts past the end (the queue drained
 * while it was open), so the caller can step back.
 */
export function useQueuePage(
  request: QueuePageRequest,
  onBeyondEnd: (total: number) => void,
): QueuePageState {
  const [generation, setGeneration] = useState(0);
  const [answer, setAnswer] = useState<Answer>({
    key: '',
    page: null,
    receivedAt: 0,
    error: null,
  });
  const { flowId, connectionId, offset, limit, sort, direction, filter, attribute } = request;
  const key = JSON.stringify([request, generation]);

  useEffect(() => {
    let current = true;
    api.queues.list
      .query({
        flowId,
        connectionId,
        offset,
        limit,
        sort,
        direction,
        ...(filter !== '' ? { filter } : {}),
        ...(filter !== '' && attribute !== '' ? { attribute } : {}),
      })
      .then(
        (page) => {
          if (!current) return;
          setAnswer({ key, page, receivedAt: Date.now(), error: null });
          if (offset > 0 && page.flowFiles.length === 0) onBeyondEnd(page.total);
        },
        (failure: unknown) => {
          if (!current) return;
          setAnswer((before) => ({ ...before, key, error: errorMessage(failure) }));
        },
      );
    return () => {
      current = false;
    };
    // `key` stands for the request's fields; onBeyondEnd is read when the answer comes.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  const reload = useCallback(() => setGeneration((g) => g + 1), []);
  return {
    page: answer.page,
    receivedAt: answer.receivedAt,
    loading: answer.key !== key,
    error: answer.error,
    reload,
  };
}
