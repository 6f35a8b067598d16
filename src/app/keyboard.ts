/**
 * What a key press means to the app, as pure functions of the event (tested in jsdom).
 *
 * Design decisions:
 * - Single-character shortcuts (P, ?, [ and ]) never fire while the reader types in a
 *   field, nor with Ctrl/Meta/Alt held (those belong to the browser and the OS).
 *   AltGr is allowed: some keyboard layouts need it for brackets or "?".
 * - Keys pressed inside a dialog belong to that dialog (its own Escape closes it).
 * - The presentation keys (arrows, Page Up/Down, Escape) act only in presentation
 *   mode, so outside it the arrows keep scrolling the page as usual. Even in
 *   presentation mode they are left to any element that uses arrows itself: form
 *   controls, sliders, list boxes, tabs, grids, Plotly charts, a focused scroll box,
 *   or anything marked `data-arrow-keys`.
 */

export type ShortcutAction =
  | 'toggle-presentation'
  | 'exit-presentation'
  | 'open-shortcuts'
  | 'next-section'
  | 'previous-section';

/** The parts of a KeyboardEvent the classification reads (a plain object works in tests). */
export interface KeyLike {
  key: string;
  target: EventTarget | null;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  shiftKey: boolean;
  repeat?: boolean;
  defaultPrevented?: boolean;
  isComposing?: boolean;
  getModifierState?: (key: string) => boolean;
}

/** True while the reader is typing: text fields, selects, contenteditable. */
export function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    target.closest('[contenteditable]:not([contenteditable="false"])') !== null ||
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement
  );
}

/** Widgets whose own keyboard behaviour uses the arrow keys (WAI-ARIA roles). */
const ARROW_WIDGETS = [
  'input',
  'textarea',
  'select',
  'video',
  'audio',
  '[contenteditable]:not([contenteditable="false"])',
  '[data-arrow-keys]',
  '.js-plotly-plot',
  '.chart-area',
  ...[
    'slider',
    'spinbutton',
    'scrollbar',
    'listbox',
    'option',
    'combobox',
    'menu',
    'menubar',
    'menuitem',
    'menuitemradio',
    'menuitemcheckbox',
    'radiogroup',
    'radio',
    'tablist',
    'tab',
    'grid',
    'gridcell',
    'tree',
    'treegrid',
    'treeitem',
  ].map((role) => `[role="${role}"]`),
].join(',');

/** True when the focused element (or a widget around it) needs the arrow keys itself. */
export function usesArrowKeys(target: EventTarget | null): boolean {
  if (!(target instanceof Element)) return false;
  if (target.closest(ARROW_WIDGETS) !== null) return true;
  // A focused scroll box (e.g. a wide table in a focusable container) scrolls with arrows.
  const scrollsX = target.scrollWidth > target.clientWidth + 1;
  const scrollsY = target.scrollHeight > target.clientHeight + 1;
  return (
    target !== document.documentElement &&
    target !== document.body &&
    target.hasAttribute('tabindex') &&
    (scrollsX || scrollsY)
  );
}

function insideDialog(target: EventTarget | null): boolean {
  return target instanceof Element && target.closest('dialog') !== null;
}

/** Ctrl, Meta or Alt held, except as AltGr (reported as Ctrl+Alt on Windows). */
export function hasCommandModifier(event: KeyLike): boolean {
  const altGraph = event.getModifierState?.('AltGraph') ?? false;
  return !altGraph && (event.ctrlKey || event.metaKey || event.altKey);
}

const NEXT_KEYS = new Set(['ArrowRight', 'ArrowDown', 'PageDown']);
const PREVIOUS_KEYS = new Set(['ArrowLeft', 'ArrowUp', 'PageUp']);

/** The app-wide shortcut a key press asks for, or null when the key is not ours. */
export function shortcutFor(event: KeyLike, presenting: boolean): ShortcutAction | null {
  if (event.defaultPrevented || event.isComposing) return null;
  if (insideDialog(event.target) || isTyping(event.target) || hasCommandModifier(event)) {
    return null;
  }
  if (event.key === 'p' || event.key === 'P') return 'toggle-presentation';
  if (event.key === '?') return 'open-shortcuts';
  if (!presenting) return null;
  if (event.key === 'Escape') return 'exit-presentation';
  // Shift+arrows extend a text selection; the arrows belong to widgets that use them.
  if (event.shiftKey || usesArrowKeys(event.target)) return null;
  if (NEXT_KEYS.has(event.key)) return 'next-section';
  if (PREVIOUS_KEYS.has(event.key)) return 'previous-section';
  return null;
}

/** Whether "[" / "]" (page navigation) may act on this key press. */
export function allowsPageKeys(event: KeyLike): boolean {
  return (
    !event.defaultPrevented &&
    !event.repeat &&
    !insideDialog(event.target) &&
    !isTyping(event.target) &&
    !hasCommandModifier(event)
  );
}
