import type { JSX } from 'react';
import { ServiceReferenceInput } from '../controller-services/service-reference-input.js';
import type { DeclaredDraft, SecretDraft } from './declared-draft.js';
import type { PropertyField } from './form-model.js';
import { PropertyInput } from './property-field.js';
import { SecretInput } from './secret-field.js';

/** Props of {@link DeclaredProperty}. */
export interface DeclaredPropertyProps {
  /** The flow whose controller services a service field offers. */
  readonly flowId: string;
  readonly field: PropertyField;
  readonly draft: DeclaredDraft;
  readonly errors: readonly string[] | undefined;
  onValue(value: string): void;
  onSecret(secret: SecretDraft): void;
}

/**
 * One declared property with the control its kind calls for: a write-only secret, a choice of
 * the flow's controller services, or a plain input, text area or select. The processor panel
 * and the controller service form both build their properties from it.
 */
export function DeclaredProperty({
  flowId,
  field,
  draft,
  errors,
  onValue,
  onSecret,
}: DeclaredPropertyProps): JSX.Element {
  switch (field.widget) {
    case 'secret':
      return (
        <SecretInput
          field={field}
          draft={draft.secrets[field.key] ?? { mode: 'keep' }}
          isSet={draft.secretSet[field.key] ?? false}
          errors={errors}
          onChange={onSecret}
        />
      );
    case 'service':
      return (
        <ServiceReferenceInput
          flowId={flowId}
          field={field}
          value={draft.values[field.key] ?? ''}
          errors={errors}
          onChange={onValue}
        />
      );
    case 'input':
    case 'textarea':
    case 'select':
      return (
        <PropertyInput
          field={field}
          value={draft.values[field.key] ?? ''}
          errors={errors}
          onChange={onValue}
        />
      );
    default: {
      const _exhaustive: never = field.widget;
      return _exhaustive;
    }
  }
}
