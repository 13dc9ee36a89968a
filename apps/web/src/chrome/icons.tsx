import type { ReactNode, SVGProps } from 'react';

/** Props of an icon: any SVG attribute, and a size in pixels (16 by default). */
export type IconProps = SVGProps<SVGSVGElement> & { readonly size?: number };

/** A 16×16 stroke icon; decorative (aria-hidden), the button around it carries the name. */
function icon(paths: ReactNode, filled = false) {
  return function Icon({ size = 16, ...props }: IconProps) {
    return (
      <svg
        width={size}
        height={size}
        viewBox="0 0 16 16"
        fill={filled ? 'currentColor' : 'none'}
        stroke={filled ? 'none' : 'currentColor'}
        strokeWidth={1.6}
        strokeLinecap="round"
        strokeLinejoin="round"
        aria-hidden="true"
        focusable="false"
        {...props}
      >
        {paths}
      </svg>
    );
  };
}

/** Start / running. */
export const PlayIcon = icon(<path d="M4.5 2.8v10.4L13 8z" />, true);
/** Stop / stopped. */
export const StopIcon = icon(<rect x="3.5" y="3.5" width="9" height="9" rx="1.2" />, true);
/** Run once. */
export const StepIcon = icon(
  <>
    <path d="M3.5 3v10l7-5z" fill="currentColor" stroke="none" />
    <path d="M12.5 3v10" />
  </>,
);
/** Disabled. */
export const DisabledIcon = icon(
  <>
    <circle cx="8" cy="8" r="5.5" />
    <path d="M4.2 11.8l7.6-7.6" />
  </>,
);
/** Invalid / a warning. */
export const WarningIcon = icon(
  <>
    <path d="M8 2.2l6.2 11H1.8z" />
    <path d="M8 6.4v3.2M8 11.6v.1" />
  </>,
);
/** Held back by back-pressure. */
export const GaugeIcon = icon(
  <>
    <path d="M2.5 11.5a5.5 5.5 0 1 1 11 0" />
    <path d="M8 11.5l3-4" />
  </>,
);
/** Undo. */
export const UndoIcon = icon(<path d="M5.5 4L2.5 7l3 3M2.8 7h7a3.5 3.5 0 0 1 0 7H7" />);
/** Redo. */
export const RedoIcon = icon(<path d="M10.5 4l3 3-3 3M13.2 7h-7a3.5 3.5 0 0 0 0 7H9" />);
/** Fit view. */
export const FitIcon = icon(<path d="M2.5 6V2.5H6M10 2.5h3.5V6M13.5 10v3.5H10M6 13.5H2.5V10" />);
/** Snap to grid. */
export const GridIcon = icon(<path d="M2.5 5.5h11M2.5 10.5h11M5.5 2.5v11M10.5 2.5v11" />);
/** Light theme (shown while dark). */
export const SunIcon = icon(
  <>
    <circle cx="8" cy="8" r="2.8" />
    <path d="M8 1.5v1.6M8 12.9v1.6M1.5 8h1.6M12.9 8h1.6M3.4 3.4l1.1 1.1M11.5 11.5l1.1 1.1M3.4 12.6l1.1-1.1M11.5 4.5l1.1-1.1" />
  </>,
);
/** Dark theme (shown while light). */
export const MoonIcon = icon(<path d="M13.2 9.6A5.6 5.6 0 0 1 6.4 2.8a5.6 5.6 0 1 0 6.8 6.8z" />);
/** Help / keyboard shortcuts. */
export const KeyboardIcon = icon(
  <>
    <rect x="1.5" y="4" width="13" height="8.5" rx="1.5" />
    <path d="M4 7h.1M6.7 7h.1M9.3 7h.1M12 7h.1M5 10h6" />
  </>,
);
/** Parameters: a key. */
export const KeyIcon = icon(
  <>
    <circle cx="5.5" cy="10.5" r="3" />
    <path d="M7.6 8.4l5.4-5.4M11 5l1.8 1.8M9.5 6.5l1.5 1.5" />
  </>,
);
/** Controller services: a plug, the shared connections processors plug into. */
export const PlugIcon = icon(
  <>
    <path d="M6 1.8v3.4M10 1.8v3.4" />
    <path d="M3.8 5.2h8.4v2.4a4.2 4.2 0 0 1-8.4 0z" />
    <path d="M8 11.8v2.4" />
  </>,
);
/** New / add. */
export const PlusIcon = icon(<path d="M8 3v10M3 8h10" />);
/** Rename. */
export const PencilIcon = icon(<path d="M10.5 2.8l2.7 2.7-7.7 7.7H2.8v-2.7z" />);
/** Search. */
export const SearchIcon = icon(
  <>
    <circle cx="7" cy="7" r="4.3" />
    <path d="M10.2 10.2l3.3 3.3" />
  </>,
);
/** Close. */
export const CloseIcon = icon(<path d="M3.5 3.5l9 9M12.5 3.5l-9 9" />);
/** Delete. */
export const TrashIcon = icon(<path d="M2.8 4.3h10.4M6.3 4.3V2.8h3.4v1.5M4.2 4.3l.7 9h6.2l.7-9" />);
/** Retry. */
export const RetryIcon = icon(<path d="M13 8a5 5 0 1 1-1.5-3.6M13 2.5v3h-3" />);
/** Bulletins: a bell. */
export const BellIcon = icon(
  <>
    <path d="M4 11.5V7a4 4 0 0 1 8 0v4.5l1 1H3z" />
    <path d="M6.5 14a1.6 1.6 0 0 0 3 0" />
  </>,
);
/** Provenance: a small lineage, one flowfile forking in two. */
export const ProvenanceIcon = icon(
  <>
    <circle cx="8" cy="3" r="1.8" />
    <circle cx="4" cy="13" r="1.8" />
    <circle cx="12" cy="13" r="1.8" />
    <path d="M8 4.8v2.7M8 7.5L4.6 11.3M8 7.5l3.4 3.8" />
  </>,
);
/** The tray that export and import share. */
const tray = <path d="M2.8 10.5v2.7h10.4v-2.7" />;
/** Export: an arrow out of a tray. */
export const ExportIcon = icon(
  <>
    {tray}
    <path d="M8 10V2.8M5 5.6l3-2.8 3 2.8" />
  </>,
);
/** Import: an arrow into a tray. */
export const ImportIcon = icon(
  <>
    {tray}
    <path d="M8 2.8V10M5 7.2L8 10l3-2.8" />
  </>,
);
