import type { ReactNode } from 'react';

/**
 * A titled section of a page; `id` makes it linkable (e.g. /pretraining#tokenizer).
 * The heading can take focus (tabIndex -1, not in the Tab order): presentation mode
 * moves focus to it when it steps to this section.
 */
export function Section({
  id,
  title,
  children,
  className,
}: {
  id: string;
  title: string;
  children: ReactNode;
  className?: string;
}) {
  const headingId = `${id}-title`;
  return (
    <section
      id={id}
      aria-labelledby={headingId}
      className={['section', className].filter(Boolean).join(' ')}
    >
      <h2 id={headingId} tabIndex={-1} className="section-title">
        {title}
      </h2>
      {children}
    </section>
  );
}
