// Shared set-up for the component tests (jsdom).
import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach, vi } from 'vitest';
import { useConfigStore } from '../../src/store/config';
import { DEFAULT_UI_PREFS, useUiPrefs } from '../../src/store/uiPrefs';
import { DEFAULT_CONFIG } from '../../src/sim/config';

// jsdom has no matchMedia; the theme hook asks it about colour-scheme preferences.
if (typeof window.matchMedia !== 'function') {
  window.matchMedia = (query: string): MediaQueryList => ({
    matches: false,
    media: query,
    onchange: null,
    addEventListener: () => {},
    removeEventListener: () => {},
    addListener: () => {},
    removeListener: () => {},
    dispatchEvent: () => false,
  });
}

// jsdom cannot run Plotly, and a real Plotly import still in flight when a test file's
// environment is torn down fails with "window is not defined" (seen in CI). Every
// component test gets a stand-in; Chart.test.tsx and stageSections.test.tsx mock it
// again to record what the chart would draw.
vi.mock('../../src/components/chart/PlotlyPlot', async () => {
  const { createElement } = await import('react');
  return { default: () => createElement('div', { 'data-testid': 'plotly' }) };
});

// Plotly itself, for code that reaches it without the component (the warm-up draw of
// preloadCharts): jsdom cannot draw, and loading the real module takes seconds.
vi.mock('../../src/components/chart/plotlyBundle', () => {
  const drawn = (root: HTMLElement) => Promise.resolve(root);
  return {
    default: {
      register: () => {},
      newPlot: drawn,
      react: drawn,
      purge: () => {},
      toImage: () => Promise.reject(new Error('jsdom cannot draw Plotly images')),
    },
  };
});

beforeEach(() => {
  localStorage.clear();
  useConfigStore.setState({ config: DEFAULT_CONFIG, notices: [] });
  useUiPrefs.setState(DEFAULT_UI_PREFS);
});

afterEach(() => {
  cleanup();
});
