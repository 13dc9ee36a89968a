import type { ParameterRow } from './parameter-draft.js';

/** Props of {@link ParameterRowFields}. */
export interface ParameterRowProps {
  readonly row: ParameterRow;
  readonly problem: string | undefined;
  onChange(row: ParameterRow): void;
  onRemove(): void;
}

/**
 * One parameter: name, value, sensitive, description. A sensitive value is a password field that
 * is always empty and says whether a value is saved; what is typed replaces it on Save.
 */
export function ParameterRowFields({ row, problem, onChange, onRemove }: ParameterRowProps) {
  const label = row.name.trim() || 'new parameter';
  return (
    <tr data-testid="parameter-row" data-name={row.name} aria-invalid={problem ? true : undefined}>
      <td>
        <input
          className="panel-mono"
          aria-label="Parameter name"
          value={row.name}
          onChange={(e) => onChange({ ...row, name: e.target.value })}
        />
        {problem && (
          <p className="parameters-problem" role="alert">
            {problem}
          </p>
        )}
      </td>
      <td>
        {row.sensitive ? (
          <span className="parameters-secret">
            <input
              type="password"
              className="panel-mono"
              aria-label={`Value of ${label}`}
              autoComplete="new-password"
              placeholder={row.secretSet ? 'Type to replace the saved value' : ''}
              value={row.value}
              onChange={(e) => onChange({ ...row, value: e.target.value })}
            />
            <span
              className="panel-secret-status"
              data-set={row.secretSet}
              data-testid="sensitive-status"
            >
              {row.secretSet ? 'set' : 'not set'}
            </span>
          </span>
        ) : (
          <input
            className="panel-mono"
            aria-label={`Value of ${label}`}
            value={row.value}
            onChange={(e) => onChange({ ...row, value: e.target.value })}
          />
        )}
      </td>
      <td className="parameters-center">
        <input
          type="checkbox"
          aria-label={`${label} is sensitive`}
          checked={row.sensitive}
          // A saved secret cannot be turned back into plain text here: it would have to be shown.
          disabled={row.sensitive && row.secretSet}
          onChange={(e) => onChange({ ...row, sensitive: e.target.checked })}
        />
      </td>
      <td>
        <input
          aria-label={`Description of ${label}`}
          value={row.description}
          onChange={(e) => onChange({ ...row, description: e.target.value })}
        />
      </td>
      <td>
        <button type="button" className="panel-button panel-button-small" onClick={onRemove}>
          Remove
        </button>
      </td>
    </tr>
  );
}
