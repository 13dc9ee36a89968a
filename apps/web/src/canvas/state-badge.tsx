import { DisabledIcon, PlayIcon, StopIcon, WarningIcon } from '../chrome/icons.js';
import type { DisplayState } from '../graph/display-state.js';

const titles: Record<DisplayState, string> = {
  RUNNING: 'Running',
  STOPPED: 'Stopped',
  DISABLED: 'Disabled',
  INVALID: 'Invalid',
};

/** The run state of a processor as an icon in its state colour, named for screen readers. */
export function StateBadge({ state }: { readonly state: DisplayState }) {
  const Icon =
    state === 'RUNNING'
      ? PlayIcon
      : state === 'STOPPED'
        ? StopIcon
        : state === 'DISABLED'
          ? DisabledIcon
          : WarningIcon;
  return (
    <span
      className={`state-badge state-${state.toLowerCase()}`}
      role="img"
      aria-label={titles[state]}
      title={titles[state]}
    >
      <Icon size={13} />
    </span>
  );
}
