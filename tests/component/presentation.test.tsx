/**
 * Presentation mode and the shortcuts dialog: which key presses count (pure), how a
 * step is planned from measured geometry (pure), `?present=1`, and the app's response
 * to the keys in jsdom. Real scrolling and layout are checked in the browser
 * (tests/e2e/presentation.spec.ts).
 */
import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { DISCLAIMER } from '../../src/app/Disclaimer';
import { shortcutFor, usesArrowKeys, type KeyLike } from '../../src/app/keyboard';
import { currentStop, planStep, type StepGeometry } from '../../src/app/presentationSteps';
import { SHORTCUT_GROUPS } from '../../src/app/shortcuts';
import { presentedTextSize, takePresentParam, usePresentation } from '../../src/store/presentation';
import { renderApp } from './renderApp';

function key(keyName: string, target: EventTarget | null, extra: Partial<KeyLike> = {}): KeyLike {
  return {
    key: keyName,
    target,
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    shiftKey: false,
    ...extra,
  };
}

function element(html: string): HTMLElement {
  const host = document.createElement('div');
  host.innerHTML = html;
  document.body.append(host);
  return host.querySelector('[data-target]') ?? (host.firstElementChild as HTMLElement);
}

afterEach(() => {
  document.body.innerHTML = '';
  usePresentation.setState({ presenting: false, shortcutsOpen: false });
  delete document.documentElement.dataset.presenting;
});

describe('shortcutFor', () => {
  it('toggles presentation with P and opens the list with ?, in or out of presentation', () => {
    for (const presenting of [false, true]) {
      expect(shortcutFor(key('p', document.body), presenting)).toBe('toggle-presentation');
      expect(shortcutFor(key('P', document.body, { shiftKey: true }), presenting)).toBe(
        'toggle-presentation',
      );
      expect(shortcutFor(key('?', document.body, { shiftKey: true }), presenting)).toBe(
        'open-shortcuts',
      );
    }
  });

  it('leaves arrows, Page Up/Down and Escape alone outside presentation mode', () => {
    for (const name of ['ArrowRight', 'ArrowDown', 'PageDown', 'ArrowLeft', 'PageUp', 'Escape']) {
      expect(shortcutFor(key(name, document.body), false)).toBeNull();
    }
  });

  it('steps with the arrows and Page Up/Down, and exits with Escape, while presenting', () => {
    const button = element('<button>Train live</button>');
    for (const name of ['ArrowRight', 'ArrowDown', 'PageDown']) {
      expect(shortcutFor(key(name, button), true)).toBe('next-section');
    }
    for (const name of ['ArrowLeft', 'ArrowUp', 'PageUp']) {
      expect(shortcutFor(key(name, button), true)).toBe('previous-section');
    }
    expect(shortcutFor(key('Escape', button), true)).toBe('exit-presentation');
  });

  it('ignores every shortcut while typing, in a field, a select or contenteditable', () => {
    const targets = [
      element('<input type="text">'),
      element('<input type="range" min="0" max="10">'),
      element('<textarea></textarea>'),
      element('<select><option>a</option></select>'),
      element('<div contenteditable="true"><span data-target>text</span></div>'),
    ];
    for (const target of targets) {
      for (const name of ['p', '?', 'ArrowRight', 'ArrowLeft', 'Escape']) {
        expect(shortcutFor(key(name, target), true)).toBeNull();
      }
    }
  });

  it('leaves the arrows to sliders, list boxes, tabs and charts, but still exits on Escape', () => {
    const targets = [
      element('<div role="slider" tabindex="0" aria-valuenow="1">s</div>'),
      element('<div role="tablist"><button role="tab" data-target>t</button></div>'),
      element('<ul role="listbox"><li role="option" tabindex="0" data-target>o</li></ul>'),
      element('<div class="js-plotly-plot"><a data-target href="#x">zoom</a></div>'),
      element('<div data-arrow-keys><button data-target>own keys</button></div>'),
    ];
    for (const target of targets) {
      expect(usesArrowKeys(target)).toBe(true);
      expect(shortcutFor(key('ArrowRight', target), true)).toBeNull();
      expect(shortcutFor(key('PageUp', target), true)).toBeNull();
      expect(shortcutFor(key('Escape', target), true)).toBe('exit-presentation');
    }
    expect(usesArrowKeys(element('<a href="#y">a link</a>'))).toBe(false);
  });

  it('ignores Ctrl, Meta and Alt (browser and OS shortcuts), but not AltGr', () => {
    for (const modifier of ['ctrlKey', 'metaKey', 'altKey'] as const) {
      expect(shortcutFor(key('p', document.body, { [modifier]: true }), true)).toBeNull();
      expect(shortcutFor(key('ArrowRight', document.body, { [modifier]: true }), true)).toBeNull();
    }
    const altGr = key('?', document.body, {
      ctrlKey: true,
      altKey: true,
      getModifierState: (name) => name === 'AltGraph',
    });
    expect(shortcutFor(altGr, false)).toBe('open-shortcuts');
  });

  it('leaves Shift+arrows (text selection), handled keys and keys inside a dialog alone', () => {
    expect(shortcutFor(key('ArrowDown', document.body, { shiftKey: true }), true)).toBeNull();
    expect(shortcutFor(key('p', document.body, { defaultPrevented: true }), true)).toBeNull();
    const inDialog = element('<dialog open><button data-target>Close</button></dialog>');
    expect(shortcutFor(key('Escape', inDialog), true)).toBeNull();
    expect(shortcutFor(key('p', inDialog), true)).toBeNull();
  });
});

describe('planStep', () => {
  // A 600 px screen: the page top (0–400), a long section (420–1900), a short one.
  const geometry = (overrides: Partial<StepGeometry> = {}): StepGeometry => ({
    stops: [
      { top: 0, bottom: 400 },
      {
        top: 420,
        bottom: 1900,
        blocks: [
          { top: 420, bottom: 470 },
          { top: 480, bottom: 900 },
          { top: 920, bottom: 1900 },
        ],
      },
      { top: 1920, bottom: 2300 },
    ],
    viewBottom: 600,
    topMargin: 10,
    canScrollDown: true,
    canScrollUp: false,
    remembered: null,
    ...overrides,
  });

  it('moves from the page top to the first section', () => {
    expect(planStep('next', geometry())).toEqual({ kind: 'stop', stop: 1, at: 'start' });
  });

  it('brings the block cut off by the bottom edge to the top before the next section', () => {
    const g = geometry({
      stops: geometry().stops.map((s) => ({
        ...s,
        top: s.top - 420,
        bottom: s.bottom - 420,
        blocks: s.blocks?.map((b) => ({ top: b.top - 420, bottom: b.bottom - 420 })),
      })),
      remembered: 1,
      canScrollUp: true,
    });
    // The chart at 60–480 is whole on screen; the block at 500–1480 is cut: it comes up.
    expect(planStep('next', g)).toEqual({ kind: 'scroll', by: 490, stop: 1 });
  });

  it('pages through a block taller than the screen, keeping some overlap', () => {
    const g = geometry({
      stops: [
        { top: -2000, bottom: -1500 },
        { top: -100, bottom: 3000, blocks: [{ top: -100, bottom: 3000 }] },
      ],
      remembered: 1,
      canScrollUp: true,
    });
    expect(planStep('next', g)).toEqual({ kind: 'scroll', by: 510, stop: 1 });
  });

  it('goes on to the next page after the last stop, and back to the previous page before the first', () => {
    const end = geometry({
      stops: [
        { top: -900, bottom: -500 },
        { top: 20, bottom: 500 },
      ],
      remembered: 1,
      canScrollDown: false,
      canScrollUp: true,
    });
    expect(planStep('next', end)).toEqual({ kind: 'page', direction: 'next' });
    expect(planStep('previous', geometry())).toEqual({ kind: 'page', direction: 'previous' });
  });

  it('steps back through a section to its top, then to the end of the previous one', () => {
    const inside = geometry({
      stops: [
        { top: -1400, bottom: -1000 },
        {
          top: -980,
          bottom: 500,
          blocks: [
            { top: -980, bottom: -500 },
            { top: -480, bottom: 500 },
          ],
        },
      ],
      remembered: 1,
      canScrollUp: true,
    });
    // The block starting 480 px above comes back to the top.
    expect(planStep('previous', inside)).toEqual({ kind: 'scroll', by: -490, stop: 1 });
    const atTop = geometry({
      stops: [
        { top: -600, bottom: -10 },
        { top: 10, bottom: 900 },
      ],
      remembered: 1,
      canScrollUp: true,
    });
    expect(planStep('previous', atTop)).toEqual({ kind: 'stop', stop: 0, at: 'end' });
  });

  it('keeps the stop last stepped to while it is on screen, else reads the position', () => {
    const nearEnd = geometry({
      stops: [
        { top: -900, bottom: -500 },
        { top: -480, bottom: 300 },
        { top: 320, bottom: 500 },
      ],
      canScrollDown: false,
      canScrollUp: true,
    });
    // The last section could not scroll to the top; having stepped to it, it is current.
    expect(currentStop({ ...nearEnd, remembered: 2 })).toBe(2);
    expect(currentStop({ ...nearEnd, remembered: null })).toBe(1);
    // A remembered stop scrolled out of view (by the wheel) no longer counts.
    expect(currentStop({ ...nearEnd, remembered: 0 })).toBe(1);
  });
});

describe('?present=1 and the text size', () => {
  it('starts presentation mode and removes the parameter, keeping the rest of the URL', () => {
    window.history.replaceState(null, '', '/sft?present=1&pretrain.steps=50#loss');
    expect(takePresentParam()).toBe(true);
    expect(usePresentation.getState().presenting).toBe(true);
    expect(window.location.pathname + window.location.search + window.location.hash).toBe(
      '/sft?pretrain.steps=50#loss',
    );
    usePresentation.setState({ presenting: false });
    window.history.replaceState(null, '', '/sft?present=0');
    expect(takePresentParam()).toBe(false);
    expect(usePresentation.getState().presenting).toBe(false);
    expect(window.location.search).toBe('');
    window.history.replaceState(null, '', '/');
  });

  it('charts use the largest text size while presenting', () => {
    expect(presentedTextSize('standard', false)).toBe('standard');
    expect(presentedTextSize('standard', true)).toBe('x-large');
    expect(presentedTextSize('large', true)).toBe('x-large');
  });
});

describe('presentation mode and the shortcuts dialog in the app', () => {
  const h1 = (name: string) =>
    screen.findByRole('heading', { level: 1, name }, { timeout: 10_000 });

  beforeAll(() => {
    // jsdom has no modal dialogs and no scrolling; the browser tests cover both for real.
    HTMLDialogElement.prototype.showModal ??= function (this: HTMLDialogElement) {
      this.setAttribute('open', '');
    };
    HTMLDialogElement.prototype.close ??= function (this: HTMLDialogElement) {
      this.removeAttribute('open');
      this.dispatchEvent(new Event('close'));
    };
  });

  beforeEach(() => {
    vi.spyOn(window, 'scrollTo').mockImplementation(() => {});
  });

  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('P starts and stops presentation mode; the bar keeps the disclaimer and an exit', async () => {
    renderApp('/pretraining');
    await h1('Pretraining');
    const toggle = screen.getByRole('button', { name: 'Present' });
    expect(toggle.getAttribute('aria-pressed')).toBe('false');

    fireEvent.keyDown(document.body, { key: 'p' });
    expect(document.documentElement.dataset.presenting).toBe('');
    expect(toggle.getAttribute('aria-pressed')).toBe('true');
    const bar = screen.getByRole('complementary', { name: 'Presentation' });
    expect(within(bar).getByText(DISCLAIMER)).toBeTruthy();
    expect(within(bar).getByRole('status')).toBeTruthy();

    fireEvent.keyDown(document.body, { key: 'Escape' });
    expect(document.documentElement.dataset.presenting).toBeUndefined();
    expect(screen.queryByRole('complementary', { name: 'Presentation' })).toBeNull();

    fireEvent.click(toggle);
    expect(usePresentation.getState().presenting).toBe(true);
    const exit = screen.getByRole('button', { name: 'Exit presentation' });
    exit.focus();
    fireEvent.click(exit);
    expect(usePresentation.getState().presenting).toBe(false);
    // The bar's button is gone: focus returns to the header's toggle.
    expect(document.activeElement).toBe(toggle);
  });

  it('does not toggle while typing in a field', async () => {
    renderApp('/simulator');
    await h1('Simulator');
    const field = document.querySelector<HTMLInputElement>('main input');
    expect(field).not.toBeNull();
    field!.focus();
    fireEvent.keyDown(field!, { key: 'p' });
    fireEvent.keyDown(field!, { key: '?' });
    expect(usePresentation.getState()).toMatchObject({ presenting: false, shortcutsOpen: false });
  });

  it('? opens a dialog listing every shortcut; closing returns focus to the opener', async () => {
    renderApp('/sft');
    await h1('Supervised fine-tuning');
    const opener = screen.getByRole('button', { name: 'Keyboard shortcuts' });
    opener.focus();
    fireEvent.keyDown(opener, { key: '?', shiftKey: true });
    const dialog = await screen.findByRole('dialog', { name: 'Keyboard shortcuts' });
    // The key caps as shown (a cap with a spoken name holds both).
    const keys = [...dialog.querySelectorAll('kbd')].map(
      (k) => k.querySelector('[aria-hidden="true"]')?.textContent ?? k.textContent,
    );
    for (const group of SHORTCUT_GROUPS) {
      for (const shortcut of group.shortcuts) {
        expect(within(dialog).getByText(shortcut.action)).toBeTruthy();
      }
    }
    expect(keys).toEqual(expect.arrayContaining(['[', ']', 'P', 'Esc']));
    expect(document.activeElement).toBe(within(dialog).getByRole('button', { name: 'Close' }));

    fireEvent.click(within(dialog).getByRole('button', { name: 'Close' }));
    await waitFor(() => expect(usePresentation.getState().shortcutsOpen).toBe(false));
    expect(dialog.hasAttribute('open')).toBe(false);
    expect(document.activeElement).toBe(opener);

    // The header button opens it too, and "[" inside it does not change the page.
    fireEvent.click(opener);
    expect(dialog.hasAttribute('open')).toBe(true);
    act(() => {
      fireEvent.keyDown(within(dialog).getByRole('button', { name: 'Close' }), { key: ']' });
    });
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Supervised fine-tuning');
  });
});
