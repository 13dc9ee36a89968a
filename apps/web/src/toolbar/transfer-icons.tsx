import type { IconProps } from '../chrome/icons.js';

function TransferIcon({ up, size = 16, ...props }: IconProps & { readonly up: boolean }) {
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
      <path d="M2.8 10.5v2.7h10.4v-2.7" />
      <path d={up ? 'M8 10V2.8M5 5.6l3-2.8 3 2.8' : 'M8 2.8V10M5 7.2L8 10l3-2.8'} />
    </svg>
  );
}

/** Export: an arrow out of a tray. Decorative; the button carries the name. */
export function ExportIcon(props: IconProps) {
  return <TransferIcon up {...props} />;
}

/** Import: an arrow into a tray. Decorative; the button carries the name. */
export function ImportIcon(props: IconProps) {
  return <TransferIcon up={false} {...props} />;
}
