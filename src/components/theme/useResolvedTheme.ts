/**
 * The theme actually in effect: the stored preference, with 'system' resolved from
 * the browser's colour-scheme and contrast preferences. CSS resolves 'system' by
 * itself (media queries); charts need the answer in JavaScript for their colours.
 */
import { useSyncExternalStore } from 'react';
import { useUiPrefs, type ThemePref } from '../../store/uiPrefs';

export type ResolvedTheme = Exclude<ThemePref, 'system'>;

const QUERIES = ['(prefers-color-scheme: dark)', '(prefers-contrast: more)'];

function matches(query: string): boolean {
  return typeof window !== 'undefined' && typeof window.matchMedia === 'function'
    ? window.matchMedia(query).matches
    : false;
}

function subscribe(onChange: () => void): () => void {
  if (typeof window === 'undefined' || typeof window.matchMedia !== 'function') return () => {};
  const lists = QUERIES.map((q) => window.matchMedia(q));
  lists.forEach((list) => list.addEventListener('change', onChange));
  return () => lists.forEach((list) => list.removeEventListener('change', onChange));
}

function systemTheme(): ResolvedTheme {
  if (matches('(prefers-contrast: more)')) return 'high-contrast';
  return matches('(prefers-color-scheme: dark)') ? 'dark' : 'light';
}

export function useResolvedTheme(): ResolvedTheme {
  const pref = useUiPrefs((state) => state.theme);
  const system = useSyncExternalStore(subscribe, systemTheme, () => 'light' as const);
  return pref === 'system' ? system : pref;
}
