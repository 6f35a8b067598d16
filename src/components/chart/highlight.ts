/**
 * Which series is highlighted, shared across charts and formulas. A formula term
 * (FormulaTerms) or a hovered chart trace sets `hovered`; clicking a term pins it, so
 * a lecturer can leave it lit on a projector without holding the mouse still. Every
 * chart holding a series of that key emphasises it; a Chart's own
 * `highlightedSeries` prop takes precedence.
 */
import { create } from 'zustand';

interface HighlightState {
  /** Set while a term or a trace is hovered or focused. */
  hovered: string | null;
  /** Set by clicking a term; stays until clicked again. */
  pinned: string | null;
  setHovered(key: string | null): void;
  togglePinned(key: string): void;
}

export const useChartHighlight = create<HighlightState>()((set) => ({
  hovered: null,
  pinned: null,
  setHovered: (hovered) => set({ hovered }),
  togglePinned: (key) => set((state) => ({ pinned: state.pinned === key ? null : key })),
}));

/** The key highlighted now: the hovered one, else the pinned one. */
export function useHighlightedKey(): string | null {
  return useChartHighlight((state) => state.hovered ?? state.pinned);
}
