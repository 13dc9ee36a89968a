import { useUiStore } from '../stores/ui-store.js';
import { ConnectionDrawer } from './connection-drawer.js';
import { ProcessorDrawer } from './processor-drawer.js';
import './side-panel.css';

/** The right-side drawer: the configuration panel of a processor or of a connection. */
export function SidePanel() {
  const panel = useUiStore((s) => s.panel);
  if (!panel) return null;
  return (
    <aside
      className="side-panel"
      data-testid="side-panel"
      aria-label={panel.kind === 'processor' ? 'Processor configuration' : 'Connection settings'}
    >
      {panel.kind === 'processor' ? (
        <ProcessorDrawer id={panel.id} />
      ) : (
        <ConnectionDrawer id={panel.id} />
      )}
    </aside>
  );
}
