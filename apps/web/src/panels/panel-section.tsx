import { useId, type JSX, type ReactNode } from 'react';

/** Props of {@link PanelSection}. */
export interface PanelSectionProps {
  readonly title: string;
  readonly description?: string;
  /** The section's element id, for {@link SectionNav} to scroll to. */
  readonly id?: string;
  readonly children: ReactNode;
}

/**
 * One part of a panel (Settings, Scheduling, Properties, Relationships), always open: every
 * field stays reachable by its label and by Tab, where tabs would hide the ones with problems.
 */
export function PanelSection({ title, description, id, children }: PanelSectionProps): JSX.Element {
  const headingId = useId();
  return (
    <section id={id} className="panel-section" aria-labelledby={headingId}>
      <h3 id={headingId} className="panel-section-title">
        {title}
      </h3>
      {description && <p className="panel-help panel-section-description">{description}</p>}
      {children}
    </section>
  );
}

/** Props of {@link SectionNav}. */
export interface SectionNavProps {
  readonly sections: readonly { readonly id: string; readonly title: string }[];
}

/** Jumps to a section of a long panel, in place of tabs (which would hide fields). */
export function SectionNav({ sections }: SectionNavProps): JSX.Element {
  return (
    <nav className="panel-nav" aria-label="Sections">
      {sections.map((section) => (
        <button
          key={section.id}
          type="button"
          className="panel-nav-link"
          onClick={() =>
            // Optional call: jsdom has no scrollIntoView.
            document.getElementById(section.id)?.scrollIntoView?.({ block: 'start' })
          }
        >
          {section.title}
        </button>
      ))}
    </nav>
  );
}
