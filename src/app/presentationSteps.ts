/**
 * Stepping through a page in presentation mode, like slides.
 *
 * The stops of a page are its top (the h1, lede and run panel) and then each of its
 * <Section>s. "Next" first shows the rest of a stop taller than the screen (a lecturer
 * must never skip the chart under the fold), then moves to the next stop, then to the
 * next page. "Back" retraces the same screens in reverse: to the end of the previous
 * stop (what was on screen just before), up through it, and on to the end of the
 * previous page.
 *
 * Within a stop, a step brings the first block that is cut off by the bottom edge (a
 * paragraph, a chart, a table) to the top of the screen, so a chart is shown whole
 * rather than sliced at an arbitrary line; a block taller than the screen is paged
 * through, keeping 15% of the previous screen for context.
 *
 * `planStep` is a pure function of measured geometry, so it is tested without a
 * layout engine; `measureStops` reads that geometry from the DOM.
 */

/** A vertical extent in viewport pixels (as getBoundingClientRect gives). */
export interface Extent {
  top: number;
  bottom: number;
}

/** One stop: its extent, and the blocks it is made of (in reading order), if measured. */
export interface StopExtent extends Extent {
  blocks?: readonly Extent[];
}

export interface StepGeometry {
  /** Stop 0 is the page top, stops 1… are the sections in reading order. */
  stops: readonly StopExtent[];
  /** Bottom of the usable viewport: above the presentation bar. */
  viewBottom: number;
  /** Space left above a block brought to the top (the sections' scroll margin). */
  topMargin?: number;
  /** Whether the document can still scroll down / up. */
  canScrollDown: boolean;
  canScrollUp: boolean;
  /** The stop last stepped to, if any (kept while it is still on screen). */
  remembered: number | null;
}

export type StepPlan =
  | { kind: 'scroll'; by: number; stop: number }
  /** Go to a stop: its top, or (stepping back) its last screen. */
  | { kind: 'stop'; stop: number; at: 'start' | 'end' }
  | { kind: 'page'; direction: 'next' | 'previous' };

/** Content hidden by less than this many pixels is margin or padding, not "more to show". */
const SLACK = 24;

/** How much of the previous screen stays visible after a within-section step. */
const OVERLAP = 0.15;

/** The stop the reader is on: the one last stepped to while visible, else by position. */
export function currentStop(geometry: StepGeometry): number {
  const { stops, viewBottom, remembered } = geometry;
  if (remembered !== null && remembered >= 0 && remembered < stops.length) {
    const { top, bottom } = stops[remembered];
    if (bottom > SLACK && top < viewBottom - SLACK) return remembered;
  }
  // Otherwise the last stop that starts above the upper third of the screen.
  const line = viewBottom / 3;
  let current = 0;
  stops.forEach((stop, index) => {
    if (stop.top <= line) current = index;
  });
  return current;
}

/** How far down to scroll to show more of a stop whose bottom is `hidden` px off screen. */
function scrollDownBy(stop: StopExtent, hidden: number, pageStep: number, g: StepGeometry): number {
  const margin = g.topMargin ?? 0;
  // The first block cut off by the bottom edge comes to the top, if that makes progress.
  const cut = stop.blocks?.find((block) => block.bottom > g.viewBottom + SLACK);
  const progress = cut ? cut.top - margin : 0;
  const by = progress > g.viewBottom * 0.1 ? progress : pageStep;
  // Never further than a screen, nor (for the last block) further than needed.
  return Math.max(1, Math.round(Math.min(by, pageStep, hidden)));
}

/** How far up to scroll (a negative number) to show the part of a stop above the screen. */
function scrollUpBy(stop: StopExtent, pageStep: number, g: StepGeometry): number {
  const margin = g.topMargin ?? 0;
  // The furthest block top within a screen above comes to the top: the reverse of "next".
  // The stop's own top counts as reachable from a whole screen below it (no overlap
  // needed there), so "back" does not stop a few lines short of a section's start.
  if (stop.top - margin >= -(g.viewBottom - SLACK))
    return Math.min(-1, Math.round(stop.top - margin));
  const tops = (stop.blocks ?? []).map((block) => block.top);
  const reachable = tops.filter((top) => top - margin >= -pageStep && top < -SLACK);
  const by = reachable.length > 0 ? Math.min(...reachable) - margin : -pageStep;
  return Math.min(-1, Math.round(Math.max(by, stop.top - margin)));
}

export function planStep(direction: 'next' | 'previous', geometry: StepGeometry): StepPlan {
  const { stops, viewBottom } = geometry;
  if (stops.length === 0) return { kind: 'page', direction };
  const current = currentStop(geometry);
  const stop = stops[current];
  const pageStep = Math.max(1, Math.round(viewBottom * (1 - OVERLAP)));
  if (direction === 'next') {
    const hidden = stop.bottom - viewBottom;
    if (hidden > SLACK && geometry.canScrollDown) {
      return { kind: 'scroll', by: scrollDownBy(stop, hidden, pageStep, geometry), stop: current };
    }
    if (current + 1 < stops.length) return { kind: 'stop', stop: current + 1, at: 'start' };
    return { kind: 'page', direction: 'next' };
  }
  if (stop.top < -SLACK && geometry.canScrollUp) {
    return { kind: 'scroll', by: scrollUpBy(stop, pageStep, geometry), stop: current };
  }
  if (current > 0) return { kind: 'stop', stop: current - 1, at: 'end' };
  return { kind: 'page', direction: 'previous' };
}

/** The page's sections: `section.section` in the page's article, not nested in another. */
export function pageSections(root: ParentNode = document): HTMLElement[] {
  const article = root.querySelector('article.page');
  if (!article) return [];
  return [...article.querySelectorAll<HTMLElement>('section.section')].filter(
    (section) =>
      section.parentElement?.closest('section.section') === null &&
      section.closest('[hidden]') === null,
  );
}

/** The heading a stop focuses: the page's h1 for stop 0, else the section's own heading. */
export function stopHeading(stop: number, root: ParentNode = document): HTMLElement | null {
  if (stop === 0) return root.querySelector<HTMLElement>('article.page h1');
  const section = pageSections(root)[stop - 1];
  return section?.querySelector<HTMLElement>(':scope > h2, h2, h3') ?? null;
}

/** "Section 2 of 7: The tokenizer", or the page title for the top of the page. */
export function stopLabel(stop: number, root: ParentNode = document): string {
  const sections = pageSections(root);
  const title = (stopHeading(stop, root)?.textContent ?? '').trim();
  if (stop === 0) {
    if (sections.length === 0) return title;
    const count = sections.length === 1 ? '1 section' : `${sections.length} sections`;
    return `${title}: top of the page, ${count}`;
  }
  return `Section ${stop} of ${sections.length}: ${title}`;
}

/** The top of the usable screen area's bottom edge: above the presentation bar. */
export function usableViewBottom(): number {
  const bar = document.querySelector('.presentation-bar');
  const barTop = bar?.getBoundingClientRect().top ?? window.innerHeight;
  return Math.max(1, Math.min(window.innerHeight, barTop));
}

/**
 * The blocks of a stop, in reading order: its child elements, except that a container
 * taller than most of the screen is split into its own children (a chart's figure
 * into caption, legend and plot; a grid of charts into charts).
 */
function measureBlocks(elements: Iterable<Element>, viewHeight: number, out: Extent[]): Extent[] {
  for (const element of elements) {
    if (!(element instanceof HTMLElement)) continue;
    const rect = element.getBoundingClientRect();
    if (rect.height <= 0) continue;
    if (rect.height > viewHeight * 0.8 && element.children.length > 1) {
      measureBlocks(element.children, viewHeight, out);
    } else {
      out.push({ top: rect.top, bottom: rect.bottom });
    }
  }
  return out;
}

/**
 * Measures the current page for `planStep`; `withBlocks` also measures each stop's
 * blocks (needed to plan a step, not to know where the reader is).
 */
export function measureStops(remembered: number | null, withBlocks = false): StepGeometry {
  const sections = pageSections();
  const article = document.querySelector('article.page');
  const viewBottom = usableViewBottom();
  const stops: StopExtent[] = [];
  if (article) {
    // The top stop: everything in the article before its first section.
    const articleTop = article.getBoundingClientRect().top;
    const intro: Element[] = [];
    for (const child of article.children) {
      if (sections.includes(child as HTMLElement)) break;
      intro.push(child);
    }
    const bottom = Math.max(articleTop, ...intro.map((el) => el.getBoundingClientRect().bottom));
    // Stop 0 starts at the document's top, so the notices above the page count too.
    stops.push({
      top: Math.min(articleTop, -window.scrollY),
      bottom,
      blocks: withBlocks ? measureBlocks(intro, viewBottom, []) : undefined,
    });
    for (const section of sections) {
      const rect = section.getBoundingClientRect();
      stops.push({
        top: rect.top,
        bottom: rect.bottom,
        blocks: withBlocks ? measureBlocks(section.children, viewBottom, []) : undefined,
      });
    }
  }
  const scroller = document.scrollingElement ?? document.documentElement;
  const maxScroll = scroller.scrollHeight - window.innerHeight;
  const firstSection = sections[0];
  const topMargin = firstSection ? parseFloat(getComputedStyle(firstSection).scrollMarginTop) : 0;
  return {
    stops,
    viewBottom,
    topMargin: Number.isFinite(topMargin) ? topMargin : 0,
    canScrollDown: window.scrollY < maxScroll - 1,
    canScrollUp: window.scrollY > 1,
    remembered,
  };
}
