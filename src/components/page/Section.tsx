import type { ReactNode } from 'react';

/** A titled section of a page; `id` makes it linkable (e.g. /pretraining#tokenizer). */
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
      <h2 id={headingId}>{title}</h2>
      {children}
    </section>
  );
}
