import { useEffect } from 'react';
import { useUiPrefs } from '../store/uiPrefs';

/**
 * Applies the display preferences as attributes on <html>, which the CSS themes key
 * on (attributes, not inline styles, so a strict CSP is fine). 'system' removes the
 * attribute and lets the prefers-color-scheme / prefers-contrast media queries decide.
 */
export function ThemeController() {
  const theme = useUiPrefs((state) => state.theme);
  const textSize = useUiPrefs((state) => state.textSize);
  useEffect(() => {
    const root = document.documentElement;
    if (theme === 'system') delete root.dataset.theme;
    else root.dataset.theme = theme;
    root.dataset.textSize = textSize;
  }, [theme, textSize]);
  return null;
}
