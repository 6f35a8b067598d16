/**
 * Keyboard access to boxes that scroll sideways (axe: scrollable-region-focusable):
 * wide tables (`.table-scroll`) and long formulas (`.formula`).
 *
 * Whether a box actually scrolls depends on the screen and the type size (a phone,
 * presentation mode), so it is decided here, app-wide, whenever sizes change. A box
 * that scrolls and holds nothing focusable gets tabIndex 0 (the arrow keys then scroll
 * it; presentation mode leaves them to it) and, unless it has a role already, becomes
 * a region with a unique name (its table's caption, its section, or its formula). A
 * box that stops scrolling loses what was added; boxes whose component manages this
 * (an explicit tabindex) are left alone.
 *
 * ResizeObserver reports after layout, so reading scrollWidth there forces no extra
 * layout; the MutationObserver only finds new boxes (no layout reads), which matters
 * while a run streams updates into the page.
 */
import { useEffect } from 'react';

const BOXES = '.table-scroll, .formula';
const FOCUSABLE = 'a[href], button, input, select, textarea, [tabindex]:not([tabindex="-1"])';
/** data-scroll-focus: "tabindex" or "region", what this hook added. */
const MARK = 'scrollFocus';

function baseLabel(box: HTMLElement): string {
  if (box.classList.contains('formula')) {
    const reading = box.querySelector('[role="img"]')?.getAttribute('aria-label') ?? '';
    const short = reading.length > 80 ? `${reading.slice(0, 79)}…` : reading;
    return short ? `Formula: ${short}` : 'Formula';
  }
  const caption = box.querySelector('caption')?.textContent?.trim();
  if (caption) return caption;
  const section = box.closest('section')?.querySelector('h2, h3')?.textContent?.trim();
  return section ? `Table in “${section}”` : 'Table';
}

/** A region name no other box of ours has: "…, 2", "…, 3" for repeats. */
function uniqueLabel(box: HTMLElement): string {
  const base = `${baseLabel(box)} (scrolls sideways)`;
  const taken = new Set(
    [...document.querySelectorAll('[data-scroll-focus="region"]')]
      .filter((other) => other !== box)
      .map((other) => other.getAttribute('aria-label')),
  );
  let label = base;
  for (let n = 2; taken.has(label); n += 1) label = `${base}, ${n}`;
  return label;
}

export function updateScrollBox(box: HTMLElement): void {
  const added = box.dataset[MARK];
  const needsFocus = box.scrollWidth > box.clientWidth + 1 && box.querySelector(FOCUSABLE) === null;
  if (needsFocus && added === undefined) {
    if (box.hasAttribute('tabindex')) return; // managed by its component
    box.tabIndex = 0;
    if (box.hasAttribute('role')) {
      box.dataset[MARK] = 'tabindex';
    } else {
      box.setAttribute('role', 'region');
      box.setAttribute('aria-label', uniqueLabel(box));
      box.dataset[MARK] = 'region';
    }
  } else if (!needsFocus && added !== undefined) {
    box.removeAttribute('tabindex');
    if (added === 'region') {
      box.removeAttribute('role');
      box.removeAttribute('aria-label');
    }
    delete box.dataset[MARK];
  }
}

export function useScrollableBoxes(): void {
  useEffect(() => {
    const main = document.getElementById('main');
    if (!main || typeof ResizeObserver === 'undefined') return;
    const watched = new WeakSet<Element>();
    const resize = new ResizeObserver((entries) => {
      for (const entry of entries) {
        const box = entry.target.closest<HTMLElement>(BOXES);
        if (box) updateScrollBox(box);
      }
    });
    const watch = (element: Element | null) => {
      if (element && !watched.has(element)) {
        watched.add(element);
        resize.observe(element);
      }
    };
    const scan = () => {
      for (const box of main.querySelectorAll<HTMLElement>(BOXES)) {
        watch(box);
        // Its content (a table, a formula) changes width without the box resizing.
        for (const child of box.children) watch(child);
      }
    };
    const mutations = new MutationObserver(scan);
    mutations.observe(main, { childList: true, subtree: true });
    scan();
    return () => {
      mutations.disconnect();
      resize.disconnect();
    };
  }, []);
}
