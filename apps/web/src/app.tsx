import { ReactFlowProvider } from '@xyflow/react';
import { AuthGate } from './auth/auth-gate.js';
import { useCan } from './auth/permissions.js';
import { BulletinBoardHost } from './bulletins/bulletin-board.js';
import { StatusHistoryHost } from './status-history/status-history-dialog.js';
import { useEditorSetup, useThemeAttribute } from './app/use-editor-setup.js';
import { FlowCanvas } from './canvas/flow-canvas.js';
import { ConnectDialog } from './chrome/connect-dialog.js';
import { ContextMenu } from './chrome/context-menu.js';
import { ErrorToast } from './chrome/error-toast.js';
import { ServerBanner } from './chrome/server-banner.js';
import { useShortcuts } from './keyboard/use-shortcuts.js';
import { useLiveStats } from './live/use-live-stats.js';
import { Palette } from './palette/palette.js';
import { ProvenanceHost } from './provenance/provenance-dialog.js';
import { ParametersDialogHost } from './parameters/parameters-dialog.js';
import { ControllerServicesHost } from './controller-services/controller-services-dialog.js';
import { VersionsHost } from './versions/versions-dialog.js';
import { EmptyQueueDialog } from './queue-inspector/empty-queue-dialog.js';
import { QueueInspector } from './queue-inspector/queue-inspector.js';
import { SidePanel } from './side-panel/side-panel.js';
import { useGraphStore } from './stores/graph-store.js';
import { useNoticesStore } from './stores/notices-store.js';
import { Toolbar } from './toolbar/toolbar.js';

/**
 * The editor: toolbar, palette, canvas and drawer, inside one xyflow provider so the toolbar,
 * the palette and the shortcuts can reach the viewport.
 */
export function App() {
  return (
    <AuthGate>
      <ReactFlowProvider>
        <Editor />
      </ReactFlowProvider>
    </AuthGate>
  );
}

function Editor() {
  // A viewer or an operator cannot add processors: no palette for them.
  const canEdit = useCan('editor');
  useEditorSetup();
  useThemeAttribute();
  useShortcuts();
  const flowId = useGraphStore((s) => s.flowId);
  const liveGeneration = useNoticesStore((s) => s.liveGeneration);
  useLiveStats(flowId, liveGeneration);

  return (
    <div className="app">
      <Toolbar />
      <ServerBanner />
      <main className="workspace">
        {canEdit && <Palette />}
        <FlowCanvas />
        <SidePanel />
      </main>
      <ContextMenu />
      <ProvenanceHost />
      <BulletinBoardHost />
      <StatusHistoryHost />
      <ConnectDialog />
      <QueueInspector />
      <EmptyQueueDialog />
      <ParametersDialogHost />
      <ControllerServicesHost />
      <VersionsHost />
      <ErrorToast />
    </div>
  );
}
