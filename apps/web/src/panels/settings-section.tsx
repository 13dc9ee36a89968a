import { useId, type JSX } from 'react';

/** Props of {@link SettingsSection}. */
export interface SettingsSectionProps {
  readonly name: string;
  readonly comments: string;
  onChange(patch: { name?: string; comments?: string }): void;
}

/** The processor's name on the canvas and free comments, as NiFi's Settings tab. */
export function SettingsSection({ name, comments, onChange }: SettingsSectionProps): JSX.Element {
  const id = useId();
  return (
    <>
      <div className="panel-field">
        <div className="panel-label-row">
          <label htmlFor={`${id}-name`}>Name</label>
        </div>
        <input
          id={`${id}-name`}
          type="text"
          value={name}
          autoComplete="off"
          onChange={(e) => onChange({ name: e.target.value })}
        />
      </div>
      <div className="panel-field">
        <div className="panel-label-row">
          <label htmlFor={`${id}-comments`}>Comments</label>
        </div>
        <textarea
          id={`${id}-comments`}
          rows={2}
          value={comments}
          onChange={(e) => onChange({ comments: e.target.value })}
        />
      </div>
    </>
  );
}
