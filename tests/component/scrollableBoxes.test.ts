// Keyboard access to boxes that scroll sideways (src/app/useScrollableBoxes.ts). jsdom
// has no layout, so each box's widths are set by hand.
import { afterEach, describe, expect, it } from 'vitest';
import { updateScrollBox } from '../../src/app/useScrollableBoxes';

function box(html: string, scrollWidth: number, clientWidth = 300): HTMLElement {
  const section = document.createElement('section');
  section.innerHTML = `<h2>Scorecard</h2><div class="table-scroll">${html}</div>`;
  document.body.append(section);
  const element = section.querySelector<HTMLElement>('.table-scroll')!;
  Object.defineProperty(element, 'clientWidth', { configurable: true, value: clientWidth });
  setWidth(element, scrollWidth);
  return element;
}

function setWidth(element: HTMLElement, scrollWidth: number) {
  Object.defineProperty(element, 'scrollWidth', { configurable: true, value: scrollWidth });
}

afterEach(() => {
  document.body.innerHTML = '';
});

describe('updateScrollBox', () => {
  it('makes a box that scrolls a focusable, named region, and undoes it when it fits', () => {
    const wide = box('<table><caption>Grades per model</caption></table>', 600);
    updateScrollBox(wide);
    expect(wide.tabIndex).toBe(0);
    expect(wide.getAttribute('role')).toBe('region');
    expect(wide.getAttribute('aria-label')).toBe('Grades per model (scrolls sideways)');

    setWidth(wide, 300);
    updateScrollBox(wide);
    expect(wide.hasAttribute('tabindex')).toBe(false);
    expect(wide.hasAttribute('role')).toBe(false);
    expect(wide.hasAttribute('aria-label')).toBe(false);
  });

  it('names captionless tables by their section, uniquely', () => {
    const first = box('<table></table>', 600);
    const second = box('<table></table>', 600);
    updateScrollBox(first);
    updateScrollBox(second);
    expect(first.getAttribute('aria-label')).toBe('Table in “Scorecard” (scrolls sideways)');
    expect(second.getAttribute('aria-label')).toBe('Table in “Scorecard” (scrolls sideways), 2');
  });

  it('leaves alone boxes that fit, hold something focusable, or manage their own focus', () => {
    const fits = box('<table></table>', 300);
    const withLink = box('<table><tr><td><a href="/sft">SFT</a></td></tr></table>', 600);
    const own = box('<table></table>', 600);
    own.tabIndex = 0;
    own.setAttribute('aria-label', 'Own name');
    for (const element of [fits, withLink, own]) updateScrollBox(element);
    expect(fits.hasAttribute('tabindex')).toBe(false);
    expect(withLink.hasAttribute('tabindex')).toBe(false);
    expect(own.getAttribute('aria-label')).toBe('Own name');
    expect(own.hasAttribute('role')).toBe(false);
  });
});
