/**
 * A chart as an image file (PNG or SVG), for reports and the session file.
 *
 * Design decisions:
 * - The image is drawn from the same figure contract as the screen (buildFigure), not
 *   copied from the graph on the page: Plotly.toImage draws it off screen at a fixed
 *   size, so the file does not depend on the reader's window, zoom or hover.
 * - Current theme, opaque background: a dark-theme chart stays dark, but it never has
 *   a transparent background that would put light text on a white page.
 * - The chart's title and a legend are drawn in the image (on screen both are HTML
 *   beside the plot, which an image would lose).
 * - Series the reader hid from the legend stay hidden; highlighting is not exported.
 * - Works under the strict CSP: Plotly renders SVG in a detached element styled
 *   through CSSOM, and rasterises it through a blob: URL (img-src allows blob:).
 * - Plotly loads lazily (plotlyBundle.ts), the chunk the charts already use.
 */
import type { Config, Data, Layout } from 'plotly.js';
import type { ChartTheme } from './chartTheme';
import { buildFigure, plotlyText, type FigureInput } from './figure';

export type ImageFormat = 'png' | 'svg';

/** Image size in CSS pixels per chart size; PNGs are drawn at twice that (print quality). */
export const IMAGE_SIZES = {
  short: { width: 1000, height: 520 },
  standard: { width: 1000, height: 620 },
  tall: { width: 1000, height: 760 },
} as const;
export type ImageSize = keyof typeof IMAGE_SIZES;

/** Device pixels per CSS pixel in a downloaded PNG. */
export const PNG_SCALE = 2;

export interface ChartImageInput {
  figure: FigureInput;
  title: string;
  theme: ChartTheme;
  size?: ImageSize;
}

export interface ExportFigure {
  data: Data[];
  layout: Partial<Layout>;
  config: Partial<Config>;
  width: number;
  height: number;
}

/** The figure as drawn into an image: title, legend, opaque background, fixed size. Pure. */
export function exportFigure({
  figure,
  title,
  theme,
  size = 'standard',
}: ChartImageInput): ExportFigure {
  const built = buildFigure(
    { ...figure, highlightedSeries: undefined, revision: undefined },
    theme,
  );
  const { width, height } = IMAGE_SIZES[size];
  // A legend whenever a series is drawn, even one: on screen a lone series is named by
  // the caption, which the image does not carry (e.g. a comparison with one run).
  const legend = figure.series.some((s) => !figure.hiddenSeries?.has(s.highlightKey ?? s.name));
  const font = theme.fontSize;
  const { uirevision: _ui, datarevision: _data, ...layout } = built.layout;
  return {
    data: built.data,
    layout: {
      ...layout,
      autosize: false,
      width,
      height,
      paper_bgcolor: theme.background,
      plot_bgcolor: theme.background,
      title: {
        // font.weight, not <b>: Plotly writes <b> as a style attribute, which the CSP blocks.
        text: plotlyText(title),
        font: {
          family: theme.fontFamily,
          size: Math.round(font * 1.3),
          color: theme.text,
          weight: 700,
        },
        x: 0.01,
        xanchor: 'left',
        xref: 'container',
        y: 0.985,
        yanchor: 'top',
        yref: 'container',
      },
      margin: {
        ...layout.margin,
        t: Math.round(font * 3.4),
        // Room for the last tick label, which the screen's tighter margin lets overflow.
        r: Math.max(layout.margin?.r ?? 0, 40),
      },
      showlegend: legend,
      // Under the axis title, across the image; Plotly widens the bottom margin to fit
      // it (in container coordinates, Plotly moved the axis title onto the tick labels).
      legend: {
        orientation: 'h',
        x: 0,
        xanchor: 'left',
        y: -0.2,
        yanchor: 'top',
        font: { family: theme.fontFamily, size: font, color: theme.text },
        bgcolor: theme.background,
      },
    },
    config: { ...built.config, staticPlot: true },
    width,
    height,
  };
}

/** Bytes of a base64 string (no data: prefix). */
export function base64ToBytes(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

async function render(input: ChartImageInput, format: ImageFormat, scale: number): Promise<string> {
  const { default: Plotly } = await import('./plotlyBundle');
  const { data, layout, config, width, height } = exportFigure(input);
  return Plotly.toImage(
    { data, layout, config },
    { format, width, height, scale, imageDataOnly: true },
  );
}

/** The chart as a PNG or SVG file's contents. */
export async function chartImage(input: ChartImageInput, format: ImageFormat): Promise<Blob> {
  if (format === 'svg') {
    const svg = await render(input, 'svg', 1);
    return new Blob([svg], { type: 'image/svg+xml' });
  }
  const base64 = await render(input, 'png', PNG_SCALE);
  return new Blob([base64ToBytes(base64)], { type: 'image/png' });
}

/** The chart as a PNG data URL (for the session file: one scale, to keep it small). */
export async function chartPngDataUrl(input: ChartImageInput, scale = 1): Promise<string> {
  return `data:image/png;base64,${await render(input, 'png', scale)}`;
}
