import type { JSX } from 'react';

/** Props of {@link FieldErrors}. */
export interface FieldErrorsProps {
  /** Referenced by the field's `aria-describedby`, so a screen reader reads the problem. */
  readonly id: string;
  readonly messages: readonly string[] | undefined;
}

/** The problems of one field, right under it; nothing when it has none. */
export function FieldErrors({ id, messages }: FieldErrorsProps): JSX.Element | null {
  if (!messages || messages.length === 0) return null;
  return (
    <div id={id} className="panel-field-errors">
      {messages.map((message, i) => (
        <p key={i} className="panel-field-error" data-testid="field-error">
          {message}
        </p>
      ))}
    </div>
  );
}

/** The ids a field's `aria-describedby` lists: its help, and its errors when it has some. */
export function describedBy(
  helpId: string | undefined,
  errorId: string,
  messages: readonly string[] | undefined,
): string | undefined {
  const ids = [helpId, messages && messages.length > 0 ? errorId : undefined].filter(Boolean);
  return ids.length > 0 ? ids.join(' ') : undefined;
}
