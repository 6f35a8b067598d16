/**
 * Presentation mode and the shortcuts dialog: session state, never persisted.
 *
 * Design decisions:
 * - Not persisted: a reader who reloads, or opens the app tomorrow, gets the normal
 *   page with its navigation. A lecturer who wants to start presenting bookmarks the
 *   page with `?present=1` (read once at start-up by `takePresentParam`, then removed
 *   from the URL so it is not mistaken for a pipeline setting or shared by accident).
 * - Presentation mode enlarges the type over the reader's own choice (CSS does the
 *   page, `useEffectiveTextSize` tells the charts).
 */
import { create } from 'zustand';
import { useUiPrefs, type TextSize } from './uiPrefs';

export interface PresentationState {
  presenting: boolean;
  shortcutsOpen: boolean;
  setPresenting(presenting: boolean): void;
  togglePresenting(): void;
  setShortcutsOpen(open: boolean): void;
}

export const usePresentation = create<PresentationState>()((set) => ({
  presenting: false,
  shortcutsOpen: false,
  setPresenting: (presenting) => set({ presenting }),
  togglePresenting: () => set((state) => ({ presenting: !state.presenting })),
  setShortcutsOpen: (shortcutsOpen) => set({ shortcutsOpen }),
}));

export const PRESENT_PARAM = 'present';

/**
 * Reads and removes `?present=1` (also `true` or a bare `?present`) from the address,
 * starting presentation mode when it asks to. Call once, before the router reads the URL.
 */
export function takePresentParam(): boolean {
  if (typeof window === 'undefined') return false;
  const url = new URL(window.location.href);
  if (!url.searchParams.has(PRESENT_PARAM)) return false;
  const value = url.searchParams.get(PRESENT_PARAM)?.trim().toLowerCase() ?? '';
  url.searchParams.delete(PRESENT_PARAM);
  window.history.replaceState(window.history.state, '', url.pathname + url.search + url.hash);
  const start = value === '' || value === '1' || value === 'true' || value === 'yes';
  if (start) usePresentation.getState().setPresenting(true);
  return start;
}

/**
 * The text size charts should use: the largest while presenting (the page's own type
 * grows by 4 px over the reader's choice, app/styles/presentation.css).
 */
export function presentedTextSize(textSize: TextSize, presenting: boolean): TextSize {
  return presenting ? 'x-large' : textSize;
}

export function useEffectiveTextSize(): TextSize {
  const textSize = useUiPrefs((state) => state.textSize);
  const presenting = usePresentation((state) => state.presenting);
  return presentedTextSize(textSize, presenting);
}
