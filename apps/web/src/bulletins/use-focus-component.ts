import { useReactFlow } from '@xyflow/react';
import { useCallback } from 'react';
import { useCanvasStore } from '../stores/canvas-store.js';

/** A card's size before xyflow has measured it (see processor-card.css). */
const CARD = { width: 240, height: 101 };

/**
 * Selects a processor (or label) on the canvas and centres the view on it, zooming in to a
 * readable level if the view is zoomed far out. Resolves false when the component is not on
 * the canvas (deleted since, or the flow itself).
 */
export function useFocusComponent(): (id: string) => boolean {
  const { setCenter, getZoom } = useReactFlow();
  return useCallback(
    (id: string) => {
      const canvas = useCanvasStore.getState();
      const node = canvas.nodes.find((n) => n.id === id);
      if (!node) return false;
      canvas.select([id]);
      const width = node.measured?.width ?? CARD.width;
      const height = node.measured?.height ?? CARD.height;
      void setCenter(node.position.x + width / 2, node.position.y + height / 2, {
        zoom: Math.max(getZoom(), 1),
        duration: 300,
      });
      return true;
    },
    [setCenter, getZoom],
  );
}
