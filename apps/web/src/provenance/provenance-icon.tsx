import type { IconProps } from '../chrome/icons.js';

/** Provenance: a small lineage, one flowfile forking in two. */
export function ProvenanceIcon({ size = 16, ...props }: IconProps) {
  return (
    <svg
      width={size}
      height={size}
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.6}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
      {...props}
    >
      <circle cx="8" cy="3" r="1.8" />
      <circle cx="4" cy="13" r="1.8" />
      <circle cx="12" cy="13" r="1.8" />
      <path d="M8 4.8v2.7M8 7.5L4.6 11.3M8 7.5l3.4 3.8" />
    </svg>
  );
}
