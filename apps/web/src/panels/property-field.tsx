import { useId, type JSX } from 'react';
import { describedBy, FieldErrors } from './field-errors.js';
import { FieldLabel } from './field-label.js';
import type { PropertyField } from './form-model.js';

/** Props of {@link PropertyInput}. */
export interface PropertyInputProps {
  readonly field: PropertyField;
  /** The value typed; `''` is unset, and the default (the placeholder) applies. */
  readonly value: string;
  readonly errors: readonly string[] | undefined;
  onChange(value: string): void;
}

/** The options of a select: "default" or "not set" first, then the allowed values. */
function SelectOptions({ field, value }: { field: PropertyField; value: string }) {
  const fallback = field.options.find((o) => o.value === field.defaultValue);
  const known = value === '' || field.options.some((o) => o.value === value);
  return (
    <>
      <option value="">
        {field.defaultValue !== undefined
          ? `Default (${fallback?.label ?? field.defaultValue})`
          : 'Not set'}
      </option>
      {field.options.map((option) => (
        <option key={option.value} value={option.value} title={option.description}>
          {option.label}
        </option>
      ))}
      {/* A saved expression or old value stays visible instead of silently becoming another. */}
      {!known && <option value={value}>{value}</option>}
    </>
  );
}

/**
 * One declared, non-sensitive property: a select for allowed values (and booleans), a text area
 * for text, else a one-line input; labelled with its display name, its description as help.
 */
export function PropertyInput({ field, value, errors, onChange }: PropertyInputProps): JSX.Element {
  const id = useId();
  const helpId = `${id}-help`;
  const errorId = `${id}-errors`;
  const selected = field.options.find((o) => o.value === (value || field.defaultValue));
  const help =
    field.widget === 'select' && selected?.description ? selected.description : undefined;
  const common = {
    id,
    title: field.description || undefined,
    'aria-describedby': describedBy(field.description ? helpId : undefined, errorId, errors),
    'aria-invalid': errors && errors.length > 0 ? true : undefined,
    'aria-required': field.required && field.defaultValue === undefined ? true : undefined,
  };
  return (
    <div className="panel-field" data-property={field.key}>
      <FieldLabel
        htmlFor={id}
        label={field.label}
        required={field.required}
        expressionScope={field.expressionScope}
        description={field.description}
      />
      {field.widget === 'select' ? (
        <select {...common} value={value} onChange={(e) => onChange(e.target.value)}>
          <SelectOptions field={field} value={value} />
        </select>
      ) : field.widget === 'textarea' ? (
        <textarea
          {...common}
          className="panel-mono"
          rows={3}
          value={value}
          placeholder={field.defaultValue}
          spellCheck={false}
          onChange={(e) => onChange(e.target.value)}
        />
      ) : (
        <input
          {...common}
          type="text"
          className="panel-mono"
          value={value}
          placeholder={field.defaultValue}
          spellCheck={false}
          autoComplete="off"
          onChange={(e) => onChange(e.target.value)}
        />
      )}
      {field.description && (
        <p id={helpId} className="panel-help">
          {field.description}
          {help && <span className="panel-help-choice"> {help}</span>}
        </p>
      )}
      <FieldErrors id={errorId} messages={errors} />
    </div>
  );
}
