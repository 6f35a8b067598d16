/**
 * The figure contract, turned into Plotly data and layout. Pure, so it is tested
 * without a browser: nothing non-finite reaches Plotly, long series are thinned, and
 * every series is told apart by more than colour.
 */
import type { BarData, Config, Data, HeatmapData, Layout, ScatterData } from 'plotly.js';
import { BAR_PATTERNS, MARKER_SYMBOLS, type ChartTheme } from './chartTheme';
import { prepareSeries } from './downsample';

export interface ChartSeries {
  /** Legend name; also the key for highlighting unless `highlightKey` is given. */
  name: string;
  /**
   * Links the series to a formula term (FormulaTerms): the term highlights it, and
   * hovering it highlights the term. Names repeat across charts ("held-out"), keys don't.
   */
  highlightKey?: string;
  /** Steps (numbers, ascending) or categories (strings, for bars). */
  x: ArrayLike<number> | readonly string[];
  y: ArrayLike<number>;
  /** Default 'line'. */
  kind?: 'line' | 'bar';
  /** Draw the line dashed (e.g. held-out vs train, a baseline). */
  dashed?: boolean;
  /** 2 plots the series against a second y axis on the right. */
  yaxis?: 1 | 2;
  /** Fixes the palette slot (colour and marker), so a quantity keeps its look across charts. */
  paletteIndex?: number;
}

/** A matrix drawn as a heatmap (e.g. attention weights); colours from the Cividis scale. */
export interface HeatmapSpec {
  z: readonly (readonly number[])[];
  x?: readonly (string | number)[];
  y?: readonly (string | number)[];
  /** Colour-bar title. */
  zTitle?: string;
  zmin?: number;
  zmax?: number;
}

export interface FigureInput {
  series: readonly ChartSeries[];
  xTitle?: string;
  yTitle?: string;
  y2Title?: string;
  logY?: boolean;
  /** Logarithmic x axis (values must be positive). */
  logX?: boolean;
  heatmap?: HeatmapSpec;
  highlightedSeries?: string;
  /** Keys (highlightKey ?? name) of series the reader has hidden from the legend. */
  hiddenSeries?: ReadonlySet<string>;
  /** Bump when series arrays were mutated in place, so Plotly redraws. */
  revision?: number;
  /** Most points drawn per series (default 600). */
  maxPoints?: number;
  /**
   * Fixed axis ranges (data units; for a log axis, the data values too). A streaming
   * chart passes them so Plotly only redraws its traces on each update: re-ranging
   * the axes relabels and re-measures every tick, which is most of a redraw's cost.
   */
  xRange?: readonly [number, number];
  yRange?: readonly [number, number];
  /** Fixed range of the right-hand axis (e.g. [0, 1] for a share or a 0–1 grade). */
  y2Range?: readonly [number, number];
}

/** How a series looks, for the chart's HTML legend (ChartLegend.tsx). */
export interface LegendEntry {
  name: string;
  /** highlightKey ?? name: what hovering the entry highlights. */
  key: string;
  /** The series has a highlightKey (it is linked to a formula term). */
  linked: boolean;
  kind: 'line' | 'bar';
  color: string;
  dashed: boolean;
  symbol: (typeof MARKER_SYMBOLS)[number];
  pattern: (typeof BAR_PATTERNS)[number];
  /** Plotted against the right-hand axis. */
  rightAxis: boolean;
  hidden: boolean;
}

export interface BuiltFigure {
  data: Data[];
  /** One entry per series, in order (empty for a single series: the title names it). */
  legend: LegendEntry[];
  layout: Partial<Layout>;
  config: Partial<Config>;
  /** Points drawn, all series together (after thinning). */
  pointCount: number;
  /** Points left out because they were NaN, infinite, or not positive on a log axis. */
  droppedPoints: number;
}

export const DEFAULT_MAX_POINTS = 600;

/**
 * Text for Plotly as text only: Plotly reads a few HTML-like tags in names and titles
 * (<b>, <a href>, <span style>), and names can come from imported files. Entities
 * are decoded back to the characters, so "<" still shows as "<".
 */
export function plotlyText(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export const PLOT_CONFIG: Partial<Config> = {
  displayModeBar: false,
  displaylogo: false,
  responsive: true,
  scrollZoom: false,
};

function lineTrace(
  s: ChartSeries,
  x: (number | string)[],
  y: number[],
  slot: number,
  theme: ChartTheme,
  emphasis: 'normal' | 'highlighted' | 'dimmed',
): Partial<ScatterData> {
  const color = theme.palette[slot % theme.palette.length];
  const width = emphasis === 'highlighted' ? theme.lineWidth * 1.8 : theme.lineWidth;
  return {
    type: 'scatter',
    mode: 'lines+markers',
    name: plotlyText(s.name),
    meta: s.highlightKey,
    x,
    y,
    yaxis: s.yaxis === 2 ? 'y2' : 'y',
    line: { color, width, dash: s.dashed ? 'dash' : 'solid' },
    // A dozen markers per line: enough to tell the shapes apart, too few to clutter.
    marker: {
      color,
      symbol: MARKER_SYMBOLS[slot % MARKER_SYMBOLS.length],
      size: emphasis === 'highlighted' ? 13 : 10,
      maxdisplayed: 12,
    },
    opacity: emphasis === 'dimmed' ? 0.35 : 1,
  };
}

function barTrace(
  s: ChartSeries,
  x: (number | string)[],
  y: number[],
  slot: number,
  theme: ChartTheme,
  emphasis: 'normal' | 'highlighted' | 'dimmed',
): Partial<BarData> {
  const color = theme.palette[slot % theme.palette.length];
  const shape = BAR_PATTERNS[slot % BAR_PATTERNS.length];
  return {
    type: 'bar',
    name: plotlyText(s.name),
    meta: s.highlightKey,
    x,
    y,
    yaxis: s.yaxis === 2 ? 'y2' : 'y',
    marker: {
      color,
      line: { color: theme.text, width: emphasis === 'highlighted' ? 3 : 1 },
      // Overlay: background-coloured hatching over the series colour.
      pattern: { shape, fillmode: 'overlay', fgcolor: theme.background, solidity: 0.3 },
    },
    opacity: emphasis === 'dimmed' ? 0.35 : 1,
  };
}

function heatmapTrace(spec: HeatmapSpec, theme: ChartTheme): Partial<HeatmapData> {
  // null leaves a gap; Plotly must never see NaN or Infinity.
  const z = spec.z.map((row) => row.map((v) => (Number.isFinite(v) ? v : null)));
  return {
    type: 'heatmap',
    z: z as HeatmapData['z'],
    x: spec.x as HeatmapData['x'],
    y: spec.y as HeatmapData['y'],
    zmin: spec.zmin,
    zmax: spec.zmax,
    colorscale: 'Cividis',
    colorbar: {
      title: { text: spec.zTitle ?? '' },
      tickfont: { size: theme.fontSize, color: theme.text },
    },
  };
}

/** Plotly's range for a fixed axis (log axes take log10 of the ends); none when invalid. */
function fixedRange(
  range: readonly [number, number] | undefined,
  log: boolean,
): { range: [number, number]; autorange: false } | Record<string, never> {
  if (!range) return {};
  const [a, b] = log ? [Math.log10(range[0]), Math.log10(range[1])] : range;
  return Number.isFinite(a) && Number.isFinite(b) && a < b
    ? { range: [a, b], autorange: false }
    : {};
}

export function buildFigure(input: FigureInput, theme: ChartTheme): BuiltFigure {
  const maxPoints = input.maxPoints ?? DEFAULT_MAX_POINTS;
  const keyOf = (s: ChartSeries) => s.highlightKey ?? s.name;
  const highlighted = input.series.some((s) => keyOf(s) === input.highlightedSeries)
    ? input.highlightedSeries
    : undefined;
  const data: Data[] = [];
  const legend: LegendEntry[] = [];
  let pointCount = 0;
  let droppedPoints = 0;

  input.series.forEach((s, index) => {
    const positiveOnly = Boolean(input.logY) && s.yaxis !== 2;
    const points = prepareSeries(s.x, s.y, maxPoints, positiveOnly);
    pointCount += points.x.length;
    droppedPoints += points.dropped;
    const slot = s.paletteIndex ?? index;
    const emphasis =
      highlighted === undefined ? 'normal' : keyOf(s) === highlighted ? 'highlighted' : 'dimmed';
    const hidden = input.hiddenSeries?.has(keyOf(s)) ?? false;
    const trace =
      s.kind === 'bar'
        ? barTrace(s, points.x, points.y, slot, theme, emphasis)
        : lineTrace(s, points.x, points.y, slot, theme, emphasis);
    data.push(hidden ? { ...trace, visible: false } : trace);
    legend.push({
      name: s.name,
      key: keyOf(s),
      linked: s.highlightKey !== undefined,
      kind: s.kind ?? 'line',
      color: theme.palette[slot % theme.palette.length],
      dashed: Boolean(s.dashed),
      symbol: MARKER_SYMBOLS[slot % MARKER_SYMBOLS.length],
      pattern: BAR_PATTERNS[slot % BAR_PATTERNS.length],
      rightAxis: s.yaxis === 2,
      hidden,
    });
  });

  if (input.heatmap) {
    data.push(heatmapTrace(input.heatmap, theme));
    pointCount += input.heatmap.z.reduce((sum, row) => sum + row.length, 0);
  }

  const hasY2 = input.series.some((s) => s.yaxis === 2);
  const axisFont = { size: theme.fontSize, color: theme.text };
  const titleFont = { size: Math.round(theme.fontSize * 1.125), color: theme.text };
  const axis = {
    gridcolor: theme.grid,
    zerolinecolor: theme.grid,
    linecolor: theme.axis,
    showline: true,
    tickfont: axisFont,
    // Fixed margins (below) instead of automargin: automargin re-measures every tick
    // label and can trigger a second layout pass on each streamed update, which made
    // redraws the longest main-thread tasks during a run.
    automargin: false,
    // Plotly's default ('hide past div') measures every tick label once per label on
    // each redraw (quadratic getBoundingClientRect calls): 13% of the main thread's
    // time during a run. The fixed margins above keep the labels inside anyway.
    ticklabeloverflow: 'allow' as const,
    // Round ticks, compact: 0.003 not 0.003092; 1e-4 as 100µ is avoided.
    tickmode: 'auto' as const,
    tickformat: '~g',
    exponentformat: 'e' as const,
  };

  const layout: Partial<Layout> = {
    autosize: true,
    // Keeps the reader's zoom while a run streams new points.
    uirevision: 'keep',
    // Only when given: a fixed value would make Plotly.react ignore new data arrays.
    datarevision: input.revision,
    // Transparent: the figure's CSS background shows through, in every theme.
    paper_bgcolor: 'rgba(0,0,0,0)',
    plot_bgcolor: 'rgba(0,0,0,0)',
    font: { family: theme.fontFamily, size: theme.fontSize, color: theme.text },
    margin: {
      l: Math.round(theme.fontSize * 4.6),
      r: hasY2 ? Math.round(theme.fontSize * 4.6) : 24,
      t: 16,
      b: Math.round(theme.fontSize * 3.6),
    },
    // The legend is HTML beside the plot (ChartLegend.tsx): Plotly's own legend was
    // redrawn and re-measured on every streamed update (13–20% of a redraw), and an
    // HTML one can be hovered to light formula terms and read by screen readers.
    showlegend: false,
    hovermode: input.heatmap ? 'closest' : 'x unified',
    hoverlabel: { font: { size: theme.fontSize } },
    barmode: 'group',
    xaxis: {
      ...axis,
      type: input.logX ? 'log' : 'linear',
      title: { text: input.xTitle ?? '', font: titleFont },
      ...fixedRange(input.xRange, Boolean(input.logX)),
    },
    yaxis: {
      ...axis,
      type: input.logY ? 'log' : 'linear',
      title: { text: input.yTitle ?? '', font: titleFont },
      ...fixedRange(input.yRange, Boolean(input.logY)),
    },
  };
  if (hasY2) {
    layout.yaxis2 = {
      ...axis,
      overlaying: 'y',
      side: 'right',
      showgrid: false,
      title: { text: input.y2Title ?? '', font: titleFont },
      ...fixedRange(input.y2Range, false),
    };
  }

  return {
    data,
    legend: input.series.length > 1 ? legend : [],
    layout,
    config: PLOT_CONFIG,
    pointCount,
    droppedPoints,
  };
}

/** A CSV cell: quoted when it holds a comma, a quote or a line break. */
export function csvCell(v: string): string {
  return /[",\r\n]/.test(v) ? `"${v.replace(/"/g, '""')}"` : v;
}

/** The series as CSV (one block per series: name, x, y), for the figure's data export. */
export function seriesToCsv(series: readonly ChartSeries[]): string {
  const quote = csvCell;
  const lines = ['series,x,y'];
  for (const s of series) {
    const n = Math.min(s.x.length, s.y.length);
    for (let i = 0; i < n; i++) lines.push(`${quote(s.name)},${quote(String(s.x[i]))},${s.y[i]}`);
  }
  return `${lines.join('\n')}\n`;
}

/**
 * A heatmap as CSV: a header row of the x labels (first cell: the colour-bar title),
 * then one row per y label; a missing or non-finite cell is left empty.
 */
export function heatmapToCsv(spec: HeatmapSpec): string {
  const width = spec.z.reduce((n, row) => Math.max(n, row.length), 0);
  const xs = Array.from({ length: width }, (_, i) => String(spec.x?.[i] ?? i));
  const lines = [[spec.zTitle ?? 'y \\ x', ...xs].map(csvCell).join(',')];
  spec.z.forEach((row, j) => {
    const cells = Array.from({ length: width }, (_, i) =>
      Number.isFinite(row[i]) ? String(row[i]) : '',
    );
    lines.push([csvCell(String(spec.y?.[j] ?? j)), ...cells].join(','));
  });
  return `${lines.join('\n')}\n`;
}
