import type { ReactNode } from 'react';
import { PageHeading } from './PageHeading';
import { Section } from './Section';

export interface PlannedPageProps {
  title: string;
  /** e.g. "Stage 3 of 4". */
  kicker?: string;
  /** One or two sentences: what the stage or page is about. */
  summary: string;
  /** What the finished page will teach, concretely. */
  willTeach: readonly string[];
  /** Optional real content that needs no run (a key formula, a definition). */
  children?: ReactNode;
}

/**
 * A page whose interactive content comes in a later build. It still teaches: a
 * summary, the concrete list of what it will show, and any content that needs no
 * run. The layout adds the links to the previous and next pages.
 */
export function PlannedPage({ title, kicker, summary, willTeach, children }: PlannedPageProps) {
  return (
    <article className="page planned-page">
      <PageHeading kicker={kicker}>{title}</PageHeading>
      <p className="lede">{summary}</p>
      <Section id="what-this-page-will-teach" title="What this page will teach">
        <p className="planned-status">
          This page is being built. When it is finished it will show, from the app&apos;s own
          training run:
        </p>
        <ul className="planned-list">
          {willTeach.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </ul>
      </Section>
      {children}
    </article>
  );
}
