import type { ComponentType, ReactNode } from 'react';
import type { IconProps } from '../chrome/icons.js';

/** Props of a toolbar button. */
export interface ToolButtonProps {
  /** The accessible name, exactly as tests and screen readers use it ("Start all"). */
  readonly name: string;
  readonly icon: ComponentType<IconProps>;
  /** Visible text next to the icon; without it the button is icon-only. */
  readonly text?: ReactNode;
  /** Extra tooltip text (a keyboard shortcut, what Undo would undo). */
  readonly hint?: string;
  readonly disabled?: boolean;
  /** For a toggle: whether it is on. */
  readonly pressed?: boolean;
  onClick(): void;
}

/** A toolbar button: an icon, optional text, its name as aria-label and a tooltip. */
export function ToolButton({
  name,
  icon: Icon,
  text,
  hint,
  disabled,
  pressed,
  onClick,
}: ToolButtonProps) {
  return (
    <button
      type="button"
      className={text ? 'btn' : 'icon-btn'}
      aria-label={name}
      title={hint ? `${name} (${hint})` : name}
      disabled={disabled}
      aria-pressed={pressed}
      onClick={onClick}
    >
      <Icon />
      {text && <span>{text}</span>}
    </button>
  );
}
