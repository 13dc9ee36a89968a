import { useEffect, useState } from 'react';
import { api, errorMessage } from '../api/client.js';
import type { ApiOutputs } from '../api/types.js';
import { formatBytes } from '../format.js';
import { ContentViewer } from './content-viewer.js';
import { openLineage } from './open-lineage.js';
import { formatDuration } from './paging.js';

/** A queued flowfile's details as the API answers them. */
export type FlowFileDetailsView = ApiOutputs['queues']['flowFile'];

/** Which flowfile, of which queue. */
export interface FlowFileDetailsProps {
  readonly flowId: string;
  readonly connectionId: string;
  readonly flowFileId: string;
  onClose(): void;
}

/** Where the browser downloads a queued flowfile's content from (the server's HTTP route). */
export function contentUrl(flowId: string, connectionId: string, flowFileId: string): string {
  const part = encodeURIComponent;
  return `/api/flows/${part(flowId)}/connections/${part(connectionId)}/flowfiles/${part(flowFileId)}/content`;
}

/**
 * One queued flowfile: its facts, its attributes, its content, a download and a link to its
 * lineage. A flowfile that has left the queue since it was listed says so.
 */
export function FlowFileDetails(props: FlowFileDetailsProps) {
  const { flowId, connectionId, flowFileId } = props;
  const [answer, setAnswer] = useState<
    | { readonly details: FlowFileDetailsView; readonly receivedAt: number }
    | { readonly error: string }
    | null
  >(null);

  // The parent keys this component by flowfile: one fetch per flowfile shown.
  useEffect(() => {
    let current = true;
    api.queues.flowFile.query({ flowId, connectionId, flowFileId }).then(
      (details) => current && setAnswer({ details, receivedAt: Date.now() }),
      (failure: unknown) => current && setAnswer({ error: errorMessage(failure) }),
    );
    return () => {
      current = false;
    };
  }, [flowId, connectionId, flowFileId]);
  const details = answer && 'details' in answer ? answer.details : null;
  const error = answer && 'error' in answer ? answer.error : null;

  return (
    <aside className="qi-details" aria-label="FlowFile details" data-testid="flowfile-details">
      <header className="qi-details-head">
        <h3 title={details?.filename ?? flowFileId}>{details?.filename || flowFileId}</h3>
        <button type="button" className="btn" onClick={props.onClose} aria-label="Close details">
          ✕
        </button>
      </header>
      {error && (
        <p className="qi-error" role="alert">
          {error}
        </p>
      )}
      {!details && !error && <p className="qi-note">Loading…</p>}
      {answer && 'details' in answer && (
        <Loaded {...props} details={answer.details} now={answer.receivedAt} />
      )}
    </aside>
  );
}

function Loaded(props: FlowFileDetailsProps & { details: FlowFileDetailsView; now: number }) {
  const { details, now } = props;
  const attributes = Object.entries(details.attributes).sort(([a], [b]) => a.localeCompare(b));
  return (
    <div className="qi-details-body">
      <div className="qi-actions">
        <a
          className="btn"
          href={contentUrl(props.flowId, props.connectionId, details.id)}
          download={details.filename || details.id}
          aria-disabled={!details.hasContent}
        >
          Download
        </a>
        <button type="button" className="btn" onClick={() => openLineage(details.id)}>
          Lineage
        </button>
      </div>
      <dl className="qi-facts">
        <dt>Position</dt>
        <dd>{details.position}</dd>
        <dt>UUID</dt>
        <dd className="qi-mono">{details.id}</dd>
        <dt>Size</dt>
        <dd>
          {formatBytes(details.size)} ({details.size} bytes)
        </dd>
        <dt>Queued</dt>
        <dd>
          {formatDuration(now - details.queuedDate)} ago,{' '}
          {new Date(details.queuedDate).toLocaleString()}
        </dd>
        <dt>Entry date</dt>
        <dd>{new Date(details.entryDate).toLocaleString()}</dd>
        <dt>Lineage start</dt>
        <dd>
          {new Date(details.lineageStartDate).toLocaleString()} (
          {formatDuration(now - details.lineageStartDate)})
        </dd>
        <dt>Penalized</dt>
        <dd>
          {details.penalized ? `until ${new Date(details.penalizedUntil).toLocaleString()}` : 'No'}
        </dd>
      </dl>
      <h4>Attributes</h4>
      <table className="qi-attributes" data-testid="flowfile-attributes">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Value</th>
          </tr>
        </thead>
        <tbody>
          {attributes.map(([name, value]) => (
            <tr key={name}>
              <th scope="row">{name}</th>
              <td>{value}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <h4>Content</h4>
      <ContentViewer
        flowId={props.flowId}
        connectionId={props.connectionId}
        flowFileId={details.id}
        size={details.hasContent ? details.size : 0}
      />
    </div>
  );
}
