import { useEffect, useRef } from 'react';
import { SHORTCUTS } from '../keyboard/shortcuts.js';
import { useUiStore } from '../stores/ui-store.js';

/** The list of keyboard shortcuts, opened from the toolbar or with "?". */
export function ShortcutsPopover() {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // A click anywhere else closes it, as a popover should.
    const onPointerDown = (event: PointerEvent) => {
      const anchor = ref.current?.parentElement;
      if (anchor && !anchor.contains(event.target as Node)) {
        useUiStore.getState().setShortcutsOpen(false);
      }
    };
    window.addEventListener('pointerdown', onPointerDown);
    return () => window.removeEventListener('pointerdown', onPointerDown);
  }, []);
  return (
    <div
      ref={ref}
      className="shortcuts-popover"
      role="dialog"
      aria-label="Keyboard shortcuts"
      data-testid="shortcuts"
    >
      <h2>Keyboard shortcuts</h2>
      <dl>
        {SHORTCUTS.map((s) => (
          <div key={s.action} className="shortcut-row">
            <dt>
              {s.keys.map((combo, i) => (
                <span key={combo.join('+')}>
                  {i > 0 && <span className="shortcut-or"> or </span>}
                  {combo.map((k) => (
                    <kbd key={k}>{k}</kbd>
                  ))}
                </span>
              ))}
            </dt>
            <dd>{s.description}</dd>
          </div>
        ))}
      </dl>
      <p className="shortcuts-more">
        Shift-click adds to the selection; Shift-drag on the canvas selects with a box. Ctrl is Cmd
        on a Mac.
      </p>
    </div>
  );
}
