/**
 * Which series is highlighted, shared across charts. A formula term (or a legend,
 * a table row…) calls setHighlighted(name) and every chart holding a series of that
 * name emphasises it; a Chart's own `highlightedSeries` prop takes precedence.
 */
import { create } from 'zustand';

interface HighlightState {
  highlighted: string | null;
  setHighlighted(name: string | null): void;
}

export const useChartHighlight = create<HighlightState>()((set) => ({
  highlighted: null,
  setHighlighted: (highlighted) => set({ highlighted }),
}));
