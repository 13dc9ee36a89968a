import { useId, type FormEvent, type JSX, type KeyboardEvent, type ReactNode } from 'react';

/** Props of {@link PanelFrame}. */
export interface PanelFrameProps {
  readonly testId: string;
  readonly title: string;
  readonly subtitle: string;
  readonly dirty: boolean;
  readonly applying: boolean;
  /** The server's message for a refused Apply; shown until the next Apply. */
  readonly error: string | undefined;
  onApply(): void;
  onClose(): void;
  readonly children: ReactNode;
}

/**
 * What both configuration panels share: a titled, labelled region with a dirty marker, the
 * form, and Apply / Close. Escape closes, as in NiFi's dialogs; Enter in a one-line field
 * applies, as in any form.
 */
export function PanelFrame(props: PanelFrameProps): JSX.Element {
  const titleId = useId();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (!props.applying) props.onApply();
  };
  const keyDown = (event: KeyboardEvent) => {
    // A select's open list or an IME composition uses Escape itself.
    if (event.key !== 'Escape' || event.defaultPrevented || event.nativeEvent.isComposing) return;
    event.stopPropagation();
    props.onClose();
  };
  return (
    <section
      className="panel"
      data-testid={props.testId}
      data-dirty={props.dirty}
      aria-labelledby={titleId}
      onKeyDown={keyDown}
    >
      <form className="panel-form" onSubmit={submit} noValidate>
        <header className="panel-header">
          <div className="panel-heading">
            <h2 id={titleId} className="panel-title">
              {props.title}
            </h2>
            <p className="panel-subtitle">{props.subtitle}</p>
          </div>
          {props.dirty && (
            <span className="panel-dirty" data-testid="panel-dirty">
              Unsaved changes
            </span>
          )}
        </header>
        <div className="panel-body">{props.children}</div>
        <footer className="panel-footer">
          {props.error !== undefined && (
            <p className="panel-error" role="alert" data-testid="panel-error">
              {props.error}
            </p>
          )}
          <div className="panel-actions">
            <button
              type="submit"
              className="panel-button panel-button-primary"
              aria-busy={props.applying}
            >
              Apply
            </button>
            <button type="button" className="panel-button" onClick={props.onClose}>
              Close
            </button>
          </div>
        </footer>
      </form>
    </section>
  );
}
