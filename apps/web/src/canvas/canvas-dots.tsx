import { useStore, useStoreApi, type ReactFlowState } from '@xyflow/react';
import { useEffect, useId, useRef } from 'react';
import './canvas-dots.css';

/** Size of a dot (canvas px) at 100 %, as xyflow's dotted background draws it. */
const DOT_SIZE = 1.2;

const zoomOf = (s: ReactFlowState) => s.transform[2];

/** How far (screen px, in [0, period)) the pattern is shifted for a viewport translation. */
function phase(translate: number, period: number): number {
  return ((translate % period) + period) % period;
}

/**
 * The dotted grid behind the canvas, drawn like xyflow's `<Background variant="dots">` but as a
 * composited layer that a pan only moves: the dots are drawn once per zoom, one grid period
 * larger than the pane on every side, and a pan shifts that layer by the translation modulo the
 * period. xyflow's background moves its pattern instead, which repaints and re-rasters the whole
 * pane on every frame of a pan (most of the raster work of a pan in software rendering). The
 * transform is written to the DOM from a store subscription, as xyflow does for its viewport, so
 * React renders this only when the zoom changes.
 */
export function CanvasDots({ gap }: { readonly gap: number }) {
  const store = useStoreApi();
  const zoom = useStore(zoomOf);
  const layer = useRef<HTMLDivElement>(null);
  // useId's characters (colons, guillemets) are not all safe in a `url(#…)` reference.
  const patternId = `canvas-dots-${useId().replace(/[^a-zA-Z0-9_-]/g, '')}`;
  const period = gap * zoom || 1;
  const radius = (DOT_SIZE * zoom) / 2;

  useEffect(() => {
    const place = (s: ReactFlowState) => {
      const [x, y] = s.transform;
      if (layer.current) {
        layer.current.style.transform = `translate(${phase(x, period)}px, ${phase(y, period)}px)`;
      }
    };
    place(store.getState());
    return store.subscribe(place);
  }, [store, period]);

  return (
    <div className="canvas-dots" data-testid="canvas-dots" aria-hidden="true">
      <div
        ref={layer}
        className="canvas-dots-layer"
        style={{
          left: -period,
          top: -period,
          width: `calc(100% + ${2 * period}px)`,
          height: `calc(100% + ${2 * period}px)`,
        }}
      >
        <svg width="100%" height="100%">
          <pattern
            id={patternId}
            x={0}
            y={0}
            width={period}
            height={period}
            patternUnits="userSpaceOnUse"
            // Where xyflow's background puts the dots, so the grid lines up with snapped cards.
            patternTransform={`translate(-${period / 2},-${period / 2})`}
          >
            <circle cx={radius} cy={radius} r={radius} className="canvas-dot" />
          </pattern>
          <rect x="0" y="0" width="100%" height="100%" fill={`url(#${patternId})`} />
        </svg>
      </div>
    </div>
  );
}
