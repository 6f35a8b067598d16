import { useId } from 'react';
import { ResetAppControl } from './ResetAppControl';
import { TEXT_SIZES, THEMES, useUiPrefs, type TextSize, type ThemePref } from '../store/uiPrefs';

const THEME_LABELS: Record<ThemePref, string> = {
  system: 'System',
  light: 'Light',
  dark: 'Dark',
  'high-contrast': 'High contrast',
};
const SIZE_LABELS: Record<TextSize, string> = {
  standard: 'Standard',
  large: 'Large',
  'x-large': 'Extra large',
};

/**
 * Theme and text size, behind a disclosure so the header stays one line on a projector;
 * also "Reset the app" (ResetAppControl), which clears what the app stored.
 */
export function DisplaySettings() {
  const id = useId();
  const { theme, textSize, setTheme, setTextSize } = useUiPrefs();
  return (
    <details className="display-settings">
      <summary>Display</summary>
      <div className="display-settings-panel">
        <label htmlFor={`${id}-theme`}>Theme</label>
        <select
          id={`${id}-theme`}
          value={theme}
          onChange={(e) => setTheme(e.target.value as ThemePref)}
        >
          {THEMES.map((t) => (
            <option key={t} value={t}>
              {THEME_LABELS[t]}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-size`}>Text size</label>
        <select
          id={`${id}-size`}
          value={textSize}
          onChange={(e) => setTextSize(e.target.value as TextSize)}
        >
          {TEXT_SIZES.map((s) => (
            <option key={s} value={s}>
              {SIZE_LABELS[s]}
            </option>
          ))}
        </select>
        <ResetAppControl />
      </div>
    </details>
  );
}
