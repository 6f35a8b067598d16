/**
 * Chart colours and type sizes per theme. Palettes are Okabe & Ito (2008), ordered so
 * the first colours contrast best with the background (yellow is left out on white).
 * Colour never carries meaning alone: series also differ by marker symbol, by dash
 * when the caller marks them dashed, and bars by fill pattern.
 */
import type { ResolvedTheme } from '../theme/useResolvedTheme';
import type { TextSize } from '../../store/uiPrefs';

export const OKABE_ITO = {
  black: '#000000',
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  bluishGreen: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  reddishPurple: '#CC79A7',
} as const;

export interface ChartTheme {
  background: string;
  text: string;
  grid: string;
  axis: string;
  palette: readonly string[];
  lineWidth: number;
  /** Base font size in px for ticks and hover; titles and legend scale from it. */
  fontSize: number;
  fontFamily: string;
}

const O = OKABE_ITO;
const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "DejaVu Sans", sans-serif';
const FONT_SIZE: Record<TextSize, number> = { standard: 16, large: 18, 'x-large': 20 };

const BY_THEME: Record<ResolvedTheme, Omit<ChartTheme, 'fontSize' | 'fontFamily'>> = {
  light: {
    background: '#ffffff',
    text: '#111111',
    grid: '#d9d9d9',
    axis: '#4d4d4d',
    palette: [O.blue, O.vermillion, O.bluishGreen, O.reddishPurple, O.orange, O.skyBlue, O.black],
    lineWidth: 3,
  },
  dark: {
    background: '#14171c',
    text: '#f2f2f2',
    grid: '#3a3f47',
    axis: '#b3b3b3',
    palette: [
      O.skyBlue,
      O.orange,
      O.bluishGreen,
      O.yellow,
      O.reddishPurple,
      O.vermillion,
      '#ffffff',
    ],
    lineWidth: 3,
  },
  'high-contrast': {
    background: '#000000',
    text: '#ffffff',
    grid: '#5c5c5c',
    axis: '#ffffff',
    palette: [
      O.yellow,
      O.skyBlue,
      O.orange,
      O.reddishPurple,
      O.bluishGreen,
      O.vermillion,
      '#ffffff',
    ],
    lineWidth: 4,
  },
};

export function chartThemeFor(theme: ResolvedTheme, textSize: TextSize): ChartTheme {
  return { ...BY_THEME[theme], fontSize: FONT_SIZE[textSize], fontFamily: FONT };
}

/** Marker symbols cycled with the palette, so series differ by shape as well as colour. */
export const MARKER_SYMBOLS = [
  'circle',
  'square',
  'diamond',
  'triangle-up',
  'x',
  'triangle-down',
  'cross',
] as const;

/** Bar fill patterns cycled with the palette (the first series is solid). */
export const BAR_PATTERNS = ['', '/', 'x', '.', '\\', '-', '+'] as const;
