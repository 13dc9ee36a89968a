import { useEffect } from 'react';
import { bootstrap } from '../actions/load.js';
import { onConnectivity } from '../api/connectivity.js';
import { startCanvasSync } from '../stores/canvas-store.js';
import { useNoticesStore } from '../stores/notices-store.js';
import { useUiStore } from '../stores/ui-store.js';

/**
 * Starts the editor once mounted: the canvas follows the graph store, connectivity reports
 * drive the banner, and the first flow is loaded.
 */
export function useEditorSetup(): void {
  useEffect(() => {
    const stopSync = startCanvasSync();
    const stopConnectivity = onConnectivity((reachable) =>
      useNoticesStore.getState().setReachable(reachable),
    );
    void bootstrap();
    return () => {
      stopSync();
      stopConnectivity();
    };
  }, []);
}

/** Applies the theme to the document root, where the theme variables are keyed. */
export function useThemeAttribute(): void {
  const theme = useUiStore((s) => s.theme);
  useEffect(() => {
    document.documentElement.dataset.theme = theme;
  }, [theme]);
}
