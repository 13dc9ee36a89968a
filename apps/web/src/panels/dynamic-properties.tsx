import { useId, type JSX } from 'react';
import type { CatalogEntry } from '../api/types.js';
import { FieldErrors } from './field-errors.js';
import { expressionScopeText } from './form-model.js';
import { dynamicRow, type DynamicRow } from './processor-draft.js';

/** Props of {@link DynamicProperties}. */
export interface DynamicPropertiesProps {
  readonly spec: NonNullable<CatalogEntry['dynamicProperties']>;
  readonly rows: readonly DynamicRow[];
  /** The messages of a row, by its field key `dynamic:<id>`. */
  errorsOf(row: DynamicRow): readonly string[] | undefined;
  onChange(rows: DynamicRow[]): void;
}

/**
 * User-added properties (NiFi's dynamic properties: UpdateAttribute's attributes,
 * RouteOnAttribute's conditions): rows of name and value, added and removed freely. Where the
 * type supports it (InvokeHTTP's headers), a row can be marked Sensitive: its value is typed in
 * a password field and, once saved, shown only as "Sensitive value set", never echoed back.
 */
export function DynamicProperties({
  spec,
  rows,
  errorsOf,
  onChange,
}: DynamicPropertiesProps): JSX.Element {
  const id = useId();
  const el = expressionScopeText(spec.expressionScope);
  const update = (row: DynamicRow, patch: Partial<Omit<DynamicRow, 'id'>>) =>
    onChange(rows.map((r) => (r.id === row.id ? { ...r, ...patch } : r)));
  return (
    <div className="panel-dynamic">
      <p className="panel-help" id={`${id}-help`}>
        {spec.description}
        {spec.addsRelationship ? ' Each one adds a relationship of the same name.' : ''}
        {el && (
          <span className="panel-el-badge" title={el}>
            EL
          </span>
        )}
      </p>
      {rows.length > 0 && (
        <ul className="panel-dynamic-rows">
          {rows.map((row, index) => {
            const n = index + 1;
            const errors = errorsOf(row);
            const errorId = `${id}-${row.id}-errors`;
            const invalid = errors && errors.length > 0 ? true : undefined;
            return (
              <li
                key={row.id}
                className="panel-dynamic-row"
                data-sensitive-choice={spec.supportsSensitive ? true : undefined}
                data-testid="dynamic-property"
              >
                <input
                  type="text"
                  className="panel-mono"
                  aria-label={`Dynamic property ${n}`}
                  placeholder="name"
                  value={row.name}
                  spellCheck={false}
                  autoComplete="off"
                  // A saved secret stays under its name: renamed, its value would be lost.
                  readOnly={row.secretSet}
                  aria-invalid={invalid}
                  aria-describedby={invalid ? errorId : undefined}
                  onChange={(e) => update(row, { name: e.target.value })}
                />
                <input
                  type={row.sensitive ? 'password' : 'text'}
                  className="panel-mono"
                  aria-label={row.name ? `Value of ${row.name}` : `Value of dynamic property ${n}`}
                  placeholder={
                    row.sensitive && row.secretSet ? 'Type to replace the saved value' : 'value'
                  }
                  value={row.value}
                  spellCheck={false}
                  // Browsers would otherwise offer to fill in a saved login password here.
                  autoComplete={row.sensitive ? 'new-password' : 'off'}
                  aria-invalid={invalid}
                  aria-describedby={invalid ? errorId : undefined}
                  onChange={(e) => update(row, { value: e.target.value })}
                />
                {spec.supportsSensitive && (
                  <label
                    className="panel-dynamic-sensitive"
                    title={
                      row.secretSet
                        ? 'A saved sensitive value stays sensitive; remove the property to start again'
                        : 'Keep the value secret: never shown, exported or written to the flow file'
                    }
                  >
                    <input
                      type="checkbox"
                      checked={row.sensitive}
                      // As in NiFi, a saved secret cannot be turned into a plain value.
                      disabled={row.secretSet}
                      onChange={(e) => update(row, { sensitive: e.target.checked })}
                    />
                    Sensitive
                  </label>
                )}
                <button
                  type="button"
                  className="panel-button panel-button-small"
                  title={row.name ? `Remove ${row.name}` : `Remove dynamic property ${n}`}
                  onClick={() => onChange(rows.filter((r) => r.id !== row.id))}
                >
                  Remove
                </button>
                {row.sensitive && row.secretSet && (
                  <span
                    className="panel-secret-status"
                    data-set="true"
                    data-testid="dynamic-sensitive-status"
                  >
                    {row.value === ''
                      ? 'Sensitive value set'
                      : 'A new value will be saved on Apply'}
                  </span>
                )}
                <FieldErrors id={errorId} messages={errors} />
              </li>
            );
          })}
        </ul>
      )}
      <button
        type="button"
        className="panel-button panel-button-small"
        aria-describedby={`${id}-help`}
        onClick={() => onChange([...rows, dynamicRow()])}
      >
        Add property
      </button>
    </div>
  );
}
