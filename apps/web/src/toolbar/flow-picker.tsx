import { useRef, useState } from 'react';
import { createFlow, renameFlow, switchFlow } from '../actions/flows.js';
import { PencilIcon, PlusIcon } from '../chrome/icons.js';
import { useFlowsStore } from '../stores/flows-store.js';
import { useGraphStore } from '../stores/graph-store.js';
import { useUiStore } from '../stores/ui-store.js';
import { ToolButton } from './tool-button.js';

/**
 * The flow picker: which flow is open (a select), renaming it in place (Enter saves, Escape
 * cancels), and New flow.
 */
export function FlowPicker() {
  const flows = useFlowsStore((s) => s.flows);
  const flowId = useGraphStore((s) => s.flowId);
  const renaming = useUiStore((s) => s.renaming);
  const setRenaming = useUiStore((s) => s.setRenaming);

  return (
    <div className="flow-picker">
      <select
        data-testid="flow-picker"
        aria-label="Flow"
        value={flowId ?? ''}
        onChange={(event) => void switchFlow(event.target.value)}
      >
        {flowId === null && <option value="">No flow</option>}
        {flows.map((flow) => (
          <option key={flow.id} value={flow.id}>
            {flow.name}
          </option>
        ))}
      </select>
      {/* The name field lies over the picker, which stays in the page while a name is typed. */}
      {renaming && <RenameField onDone={() => setRenaming(false)} />}
      <ToolButton
        name="Rename flow"
        icon={PencilIcon}
        disabled={flowId === null || renaming}
        onClick={() => setRenaming(true)}
      />
      <ToolButton
        name="New flow"
        icon={PlusIcon}
        text="New flow"
        onClick={() => void createFlow()}
      />
    </div>
  );
}

function RenameField({ onDone }: { onDone(): void }) {
  const [name, setName] = useState(() => useGraphStore.getState().name);
  // Escape, Enter and the blur that follows them must end the edit only once.
  const finished = useRef(false);
  const finish = (save: boolean) => {
    if (finished.current) return;
    finished.current = true;
    onDone();
    if (save) void renameFlow(name);
  };
  return (
    <input
      className="flow-name-input"
      aria-label="Flow name"
      autoFocus
      value={name}
      maxLength={500}
      onFocus={(event) => event.currentTarget.select()}
      onChange={(event) => setName(event.target.value)}
      onBlur={() => finish(true)}
      onKeyDown={(event) => {
        if (event.key === 'Enter') finish(true);
        if (event.key === 'Escape') finish(false);
      }}
    />
  );
}
