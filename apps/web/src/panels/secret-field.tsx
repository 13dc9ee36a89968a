import { useId, type JSX } from 'react';
import { describedBy, FieldErrors } from './field-errors.js';
import { FieldLabel } from './field-label.js';
import type { PropertyField } from './form-model.js';
import type { SecretDraft } from './declared-draft.js';

/** Props of {@link SecretInput}. */
export interface SecretInputProps {
  readonly field: PropertyField;
  readonly draft: SecretDraft;
  /** Whether the server holds a value: all the browser ever knows of a secret. */
  readonly isSet: boolean;
  readonly errors: readonly string[] | undefined;
  onChange(draft: SecretDraft): void;
}

/** What will happen to the secret on Apply, in words; undefined when nothing will. */
function pendingText(draft: SecretDraft, isSet: boolean): string | undefined {
  switch (draft.mode) {
    case 'keep':
      return undefined;
    case 'set':
      return draft.value === '' ? undefined : 'A new value will be saved on Apply';
    case 'clear':
      return isSet ? 'The value will be removed on Apply' : undefined;
    default: {
      const _exhaustive: never = draft;
      return _exhaustive;
    }
  }
}

/**
 * A sensitive property, write-only: an always-empty password field, whether a value is saved
 * ("set" / "not set"), and Clear. The saved value never reaches the browser, so there is nothing
 * to show; what is typed is sent once, on Apply.
 */
export function SecretInput({
  field,
  draft,
  isSet,
  errors,
  onChange,
}: SecretInputProps): JSX.Element {
  const id = useId();
  const helpId = `${id}-help`;
  const errorId = `${id}-errors`;
  const pending = pendingText(draft, isSet);
  return (
    <div className="panel-field" data-property={field.key}>
      <FieldLabel
        htmlFor={id}
        label={field.label}
        required={field.required}
        expressionScope={field.expressionScope}
        description={field.description}
      />
      <div className="panel-secret-row">
        <input
          id={id}
          type="password"
          className="panel-mono"
          value={draft.mode === 'set' ? draft.value : ''}
          placeholder={isSet && draft.mode !== 'clear' ? 'Type to replace the saved value' : ''}
          title={field.description || undefined}
          // Browsers would otherwise offer to fill in a saved login password here.
          autoComplete="new-password"
          aria-describedby={describedBy(helpId, errorId, errors)}
          aria-invalid={errors && errors.length > 0 ? true : undefined}
          onChange={(e) =>
            onChange(
              e.target.value === '' ? { mode: 'keep' } : { mode: 'set', value: e.target.value },
            )
          }
        />
        <span className="panel-secret-status" data-set={isSet} data-testid="sensitive-status">
          {isSet ? 'set' : 'not set'}
        </span>
        <button
          type="button"
          className="panel-button panel-button-small"
          // Not an aria-label naming the field: getByLabel('Password') must find only the input.
          title={`Remove the saved ${field.label}`}
          disabled={!isSet && draft.mode === 'keep'}
          onClick={() => onChange({ mode: 'clear' })}
        >
          Clear
        </button>
      </div>
      <p id={helpId} className="panel-help">
        {field.description ? `${field.description} ` : ''}
        <span className="panel-help-secret">
          Sensitive: the saved value is never shown.{pending ? ` ${pending}.` : ''}
        </span>
      </p>
      <FieldErrors id={errorId} messages={errors} />
    </div>
  );
}
