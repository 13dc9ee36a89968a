import { NodeResizeControl, type NodeProps } from '@xyflow/react';
import { memo, useState } from 'react';
import { editLabel } from '../commands/labels.js';
import { perform } from '../actions/edit.js';
import type { LabelNode as LabelNodeType } from './types.js';
import './label-node.css';

/**
 * A free-text label on the canvas (a flow's `labels`): a note behind the processors. Double-
 * click edits the text (Ctrl+Enter or leaving the field saves, Escape cancels); the corner
 * handle of a selected label resizes it. Both are undoable edits.
 */
function LabelNodeView({ data, selected }: NodeProps<LabelNodeType>) {
  const { label } = data;
  const [draft, setDraft] = useState<string | null>(null);
  const save = () => {
    if (draft !== null && draft !== label.text) void perform(editLabel(label, { text: draft }));
    setDraft(null);
  };
  return (
    <div
      className={`label-node${selected ? ' selected' : ''}`}
      data-testid="label-node"
      data-id={label.id}
      style={{
        ...(label.style?.background ? { background: label.style.background } : {}),
        ...(label.style?.fontSize ? { fontSize: label.style.fontSize } : {}),
      }}
      onDoubleClick={(event) => {
        event.stopPropagation();
        setDraft(label.text);
      }}
    >
      {selected && (
        <NodeResizeControl
          position="bottom-right"
          minWidth={80}
          minHeight={32}
          className="label-resize"
          onResizeEnd={(_event, size) => {
            const width = Math.round(size.width);
            const height = Math.round(size.height);
            if (width !== label.size.width || height !== label.size.height) {
              void perform(editLabel(label, { size: { width, height } }));
            }
          }}
        />
      )}
      {draft === null ? (
        <div className="label-text">{label.text}</div>
      ) : (
        <textarea
          className="label-editor nodrag nowheel"
          aria-label="Label text"
          autoFocus
          value={draft}
          onChange={(event) => setDraft(event.target.value)}
          onBlur={save}
          onKeyDown={(event) => {
            if (event.key === 'Escape') setDraft(null);
            if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) save();
          }}
        />
      )}
    </div>
  );
}

/** The label node type. */
export const LabelNode = memo(LabelNodeView);
