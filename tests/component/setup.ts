// Shared set-up for the component tests (jsdom).
import { cleanup } from '@testing-library/react';
import { afterEach, beforeEach } from 'vitest';
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

beforeEach(() => {
  localStorage.clear();
  useConfigStore.setState({ config: DEFAULT_CONFIG, notices: [] });
  useUiPrefs.setState(DEFAULT_UI_PREFS);
});

afterEach(() => {
  cleanup();
});
