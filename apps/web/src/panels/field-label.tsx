import type { JSX } from 'react';
import { expressionScopeText, type ExpressionScope } from './form-model.js';

/** Props of {@link FieldLabel}. */
export interface FieldLabelProps {
  readonly htmlFor: string;
  readonly label: string;
  readonly required?: boolean;
  readonly expressionScope?: ExpressionScope;
  readonly description?: string;
}

/**
 * A field's label row. The `<label>` holds only the display name, so the field's accessible
 * name is exactly NiFi's ("Search Value"); the required marker and the EL badge sit beside it.
 */
export function FieldLabel(props: FieldLabelProps): JSX.Element {
  const el = props.expressionScope ? expressionScopeText(props.expressionScope) : undefined;
  return (
    <div className="panel-label-row">
      <label htmlFor={props.htmlFor} title={props.description || undefined}>
        {props.label}
      </label>
      {props.required && (
        <span className="panel-required" title="Required" aria-hidden="true">
          *
        </span>
      )}
      {el && (
        <span className="panel-el-badge" title={el}>
          EL
        </span>
      )}
    </div>
  );
}
