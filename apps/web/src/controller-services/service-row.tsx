import { useEffect, useRef, type JSX } from 'react';
import type { ControllerServiceView } from '../api/types.js';
import { needsRole, useCan } from '../auth/permissions.js';
import { WarningIcon } from '../chrome/icons.js';
import { ServiceStateBadge } from './service-state-badge.js';

/** Props of {@link ServiceRow}. */
export interface ServiceRowProps {
  readonly service: ControllerServiceView;
  /** Opened at this service ("Go to service"): highlighted and scrolled into view. */
  readonly focused: boolean;
  /** True while an action on this service is on its way. */
  readonly busy: boolean;
  /** The server's refusal of the last action on this service. */
  readonly error: string | undefined;
  onConfigure(): void;
  onToggle(): void;
  onDelete(): void;
}

/** Processor run states in words, for the "Referenced by" column. */
function runStateText(state: string): string {
  return state.charAt(0) + state.slice(1).toLowerCase();
}

/** Why Enable or Disable cannot be pressed, or undefined when it can. */
function toggleRefusal(
  service: ControllerServiceView,
  canOperate: boolean,
  busy: boolean,
): string | undefined {
  if (!canOperate) return needsRole('operator');
  if (busy) return 'Working…';
  switch (service.state) {
    case 'DISABLED':
      return service.validationErrors.length > 0 ? 'Fix the problems first' : undefined;
    case 'ENABLED':
      return undefined;
    case 'ENABLING':
    case 'DISABLING':
      return 'The service is changing state';
    default: {
      const _exhaustive: never = service.state;
      return _exhaustive;
    }
  }
}

/**
 * One controller service of the list: name (with its problems), type, the API it provides, its
 * state, the processors using it, and Configure / Enable or Disable / Delete.
 */
export function ServiceRow({
  service,
  focused,
  busy,
  error,
  onConfigure,
  onToggle,
  onDelete,
}: ServiceRowProps): JSX.Element {
  const canOperate = useCan('operator');
  const canEdit = useCan('editor');
  const row = useRef<HTMLTableRowElement>(null);
  useEffect(() => {
    // Optional call: jsdom has no scrollIntoView.
    if (focused) row.current?.scrollIntoView?.({ block: 'nearest' });
  }, [focused]);

  const problems = service.validationErrors.map((issue) => issue.message);
  const enabled = service.state === 'ENABLED' || service.state === 'ENABLING';
  const toggleOff = toggleRefusal(service, canOperate, busy);
  const deleteOff = !canEdit
    ? needsRole('editor')
    : service.state !== 'DISABLED'
      ? 'Disable the service to delete it'
      : undefined;
  return (
    <>
      <tr
        ref={row}
        className="cs-row"
        data-testid="service-row"
        data-name={service.name}
        data-id={service.id}
        aria-current={focused ? 'true' : undefined}
      >
        <td>
          <div className="cs-name">
            {problems.length > 0 && (
              <span
                className="cs-invalid"
                role="img"
                aria-label="Invalid"
                title={problems.join('\n')}
              >
                <WarningIcon size={14} />
              </span>
            )}
            <span>{service.name}</span>
          </div>
          {problems.length > 0 && (
            <ul className="cs-problems" data-testid="service-problems">
              {problems.map((message, i) => (
                <li key={i}>{message}</li>
              ))}
            </ul>
          )}
        </td>
        <td className="cs-mono">{service.type}</td>
        <td className="cs-mono">{service.provides ?? '—'}</td>
        <td>
          <ServiceStateBadge state={service.state} />
        </td>
        <td data-testid="service-users">
          {service.referencedBy.length === 0 ? (
            <span className="cs-muted">None</span>
          ) : (
            <ul className="cs-users">
              {service.referencedBy.map((user) => (
                <li key={user.id}>
                  {user.name} <span className="cs-muted">{runStateText(user.state)}</span>
                </li>
              ))}
            </ul>
          )}
        </td>
        <td>
          <div className="cs-actions">
            <button type="button" className="panel-button panel-button-small" onClick={onConfigure}>
              Configure
            </button>
            <button
              type="button"
              className="panel-button panel-button-small"
              disabled={toggleOff !== undefined}
              title={toggleOff}
              aria-busy={busy}
              onClick={onToggle}
            >
              {enabled ? 'Disable' : 'Enable'}
            </button>
            <button
              type="button"
              className="panel-button panel-button-small danger"
              disabled={deleteOff !== undefined || busy}
              title={deleteOff}
              onClick={onDelete}
            >
              Delete
            </button>
          </div>
        </td>
      </tr>
      {error !== undefined && (
        <tr className="cs-row-error">
          <td colSpan={6}>
            <p className="dialog-error" role="alert" data-testid="service-error">
              {error}
            </p>
          </td>
        </tr>
      )}
    </>
  );
}
