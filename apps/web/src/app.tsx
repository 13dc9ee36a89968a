import { ReactFlowProvider } from '@xyflow/react';
import { useEditorSetup, useThemeAttribute } from './app/use-editor-setup.js';
import { FlowCanvas } from './canvas/flow-canvas.js';
import { ConnectDialog } from './chrome/connect-dialog.js';
import { ContextMenu } from './chrome/context-menu.js';
import { ErrorToast } from './chrome/error-toast.js';
import { ServerBanner } from './chrome/server-banner.js';
import { useShortcuts } from './keyboard/use-shortcuts.js';
import { useLiveStats } from './live/use-live-stats.js';
import { Palette } from './palette/palette.js';
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
    <ReactFlowProvider>
      <Editor />
    </ReactFlowProvider>
  );
}

function Editor() {
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
        <Palette />
        <FlowCanvas />
        <SidePanel />
      </main>
      <ContextMenu />
      <ConnectDialog />
      <ErrorToast />
    </div>
  );
}
