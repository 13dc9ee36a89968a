import { Handle, Position, type NodeProps } from '@xyflow/react';
import { memo } from 'react';
import type { ProcessorView } from '../api/types.js';
import { BulletinBadge } from '../bulletins/bulletin-badge.js';
import { GaugeIcon, WarningIcon } from '../chrome/icons.js';
import { formatCountAndSize } from '../format.js';
import { displayState, type DisplayState } from '../graph/display-state.js';
import { NO_CONNECTIONS, useGraphStore } from '../stores/graph-store.js';
import { useHeldBack, useProcessorStatus, useStatsStore } from '../stores/stats-store.js';
import { useDiffStore } from '../versions/diff-store.js';
import { StateBadge } from './state-badge.js';
import type { ProcessorNode } from './types.js';
import './processor-card.css';

/**
 * A processor on the canvas: name, type, run state, validation warning, 5-minute In/Out and a
 * back-pressure indicator. It reads its live status from the stats store by its own id, so a
 * stats tick of another processor never renders it; xyflow renders it again only when its
 * node (the processor's configuration) or its selection changes. Zoomed out, the overview layer
 * (overview-layer.tsx) draws the processors instead and the cards are hidden.
 */
function ProcessorCardView({ id, data, selected }: NodeProps<ProcessorNode>) {
  const { processor } = data;
  const state = useStatsStore((s) => displayState(processor, s.processors[id]));
  // Only while a version diff is shown, and only for the cards it names.
  const diffMark = useDiffStore((s) => s.marks[id]);
  return (
    <div
      className={`processor-card state-${state.toLowerCase()}${selected ? ' selected' : ''}${diffMark ? ` diff-${diffMark}` : ''}`}
      data-testid="processor-card"
      data-id={id}
      data-name={processor.name}
      data-type={processor.type}
      data-state={state}
    >
      <Handle
        type="target"
        position={Position.Left}
        data-testid="handle-target"
        className="card-handle"
      />
      <CardDetail id={id} processor={processor} state={state} />
      <Handle
        type="source"
        position={Position.Right}
        data-testid="handle-source"
        className="card-handle"
      />
    </div>
  );
}

/** What a card shows at a readable zoom: everything, with the live figures. */
function CardDetail({
  id,
  processor,
  state,
}: {
  readonly id: string;
  readonly processor: ProcessorView;
  readonly state: DisplayState;
}) {
  const status = useProcessorStatus(id);
  const outgoing = useGraphStore((s) => s.outgoing[id] ?? NO_CONNECTIONS);
  const heldBack = useHeldBack(id, outgoing);
  const stats = status?.stats;
  const errors = status?.validationErrors ?? [];
  return (
    <>
      <header className="card-head">
        <StateBadge state={state} />
        <span className="card-name" title={processor.name}>
          {processor.name}
        </span>
        {state === 'INVALID' && (
          <span className="card-flag warn" data-testid="card-invalid" title={errors.join('\n')}>
            <WarningIcon size={14} />
          </span>
        )}
        {heldBack && (
          <span
            className="card-flag danger"
            data-testid="card-backpressured"
            title="Held back by back-pressure: an outgoing queue is full, so this processor is not triggered"
          >
            <GaugeIcon size={14} />
          </span>
        )}
        <BulletinBadge id={id} />
      </header>
      <div className="card-type">
        {processor.type}
        {(status?.activeTasks ?? 0) > 0 && (
          <span className="card-tasks" title="Tasks running now">
            {status!.activeTasks} active
          </span>
        )}
      </div>
      <dl className="card-stats">
        <dt>In</dt>
        <dd data-testid="card-in">
          {formatCountAndSize(stats?.inCount ?? 0, stats?.inBytes ?? 0)}
        </dd>
        <dt>Out</dt>
        <dd data-testid="card-out">
          {formatCountAndSize(stats?.outCount ?? 0, stats?.outBytes ?? 0)}
        </dd>
        <dt className="card-window" title="Statistics cover the last five minutes">
          5 min
        </dt>
      </dl>
    </>
  );
}

/** The processor node type: memoized, declared once outside any render (see nodeTypes). */
export const ProcessorCard = memo(ProcessorCardView);
