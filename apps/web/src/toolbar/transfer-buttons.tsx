import { useRef } from 'react';
import { ExportIcon, ImportIcon } from '../chrome/icons.js';
import { exportOpenFlow } from '../transfer/export-flow.js';
import { importFlowFile } from '../transfer/import-flow.js';
import { useTransferStore } from '../transfer/transfer-store.js';
import { useGraphStore } from '../stores/graph-store.js';
import { ToolButton } from './tool-button.js';

/**
 * Export flow (downloads the open flow's JSON) and Import flow (a file chooser; a Sluice flow
 * or a NiFi 2 flow definition becomes a new flow). The dialog an import ends with is mounted
 * beside the toolbar (`TransferDialogs`).
 */
export function TransferButtons() {
  const hasFlow = useGraphStore((s) => s.flowId !== null);
  const importing = useTransferStore((s) => s.importing);
  const fileInput = useRef<HTMLInputElement>(null);

  return (
    <div className="toolbar-group" aria-label="Transfer">
      <ToolButton
        name="Export flow"
        icon={ExportIcon}
        hint="download as JSON"
        disabled={!hasFlow}
        onClick={() => void exportOpenFlow()}
      />
      <ToolButton
        name="Import flow"
        icon={ImportIcon}
        hint="a Sluice flow or a NiFi flow definition"
        disabled={importing}
        onClick={() => fileInput.current?.click()}
      />
      <input
        ref={fileInput}
        type="file"
        accept=".json,application/json"
        hidden
        data-testid="import-file"
        onChange={(event) => {
          const file = event.target.files?.[0];
          // Cleared so that choosing the same file again (after fixing it) fires a change.
          event.target.value = '';
          if (file) void importFlowFile(file);
        }}
      />
      {importing && <span className="toolbar-busy" role="status" aria-label="Importing" />}
    </div>
  );
}
