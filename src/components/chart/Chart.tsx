/**
 * <Chart>: one figure, with the shared figure contract — a title, a text alternative
 * carrying the key numbers, the series, and a data export.
 *
 * Design decisions:
 * - Plotly loads lazily (PlotlyPlot.tsx) behind Suspense; the caption and the text
 *   alternative render at once, so the page reads before the chart draws.
 * - The figure is rebuilt only when its inputs or `revision` change; react-plotly then
 *   calls Plotly.react on the same element (no remount), and `uirevision` keeps zoom.
 *   Updates after the first go through redrawQueue.ts: one chart per main-thread task.
 * - Nothing non-finite is drawn (figure.ts); `diverged` adds a visible explanation.
 * - No inline style attributes (strict CSP): sizing comes from Chart.css classes.
 */
import {
  lazy,
  Suspense,
  useEffect,
  useId,
  useMemo,
  useRef,
  useState,
  type CSSProperties,
} from 'react';
import { flushSync } from 'react-dom';
import { useEffectiveTextSize } from '../../store/presentation';
import { useResolvedTheme } from '../theme/useResolvedTheme';
import { ChartErrorBoundary } from './ChartErrorBoundary';
import { ChartLegend } from './ChartLegend';
import { chartThemeFor } from './chartTheme';
import { fileSlug } from '../../export/download';
import { ChartExport } from './ChartExport';
import {
  buildFigure,
  heatmapToCsv,
  seriesToCsv,
  type ChartSeries,
  type FigureInput,
  type HeatmapSpec,
} from './figure';
import { useChartHighlight, useHighlightedKey } from './highlight';
import { hoveredKey, type HoverEventLike } from './hoverKey';
import { cancelRedraw, queueRedraw } from './redrawQueue';
import './Chart.css';

/** Set once Plotly's module has loaded (charts wait for it before their first draw). */
let plotLoaded = false;
const loadPlot = () =>
  import('./PlotlyPlot').then((module) => {
    plotLoaded = true;
    return module;
  });
const LazyPlot = lazy(loadPlot);

/**
 * Starts loading Plotly now. For pages whose charts appear only with a result (the
 * Challenges studies): otherwise the 390 KB module is fetched, evaluated and first
 * drawn all as the result arrives (a 60–100 ms task, traced).
 */
export function preloadCharts(): void {
  if (plotLoaded) return;
  // A failure is reported by the first chart that mounts.
  void loadPlot()
    .then(warmUpPlotly)
    .catch(() => {});
}

/**
 * One throw-away draw, off screen, as the page loads: Plotly's first draw on a
 * page runs its code cold (unoptimised by V8) and took 60–70 ms when it was a
 * study's result; later draws take 15–35 ms.
 */
async function warmUpPlotly(): Promise<void> {
  const { default: Plotly } = await import('./plotlyBundle');
  const div = document.createElement('div');
  div.className = 'chart-warmup';
  div.setAttribute('aria-hidden', 'true');
  document.body.append(div);
  try {
    const data = [{ x: [0, 1, 2], y: [1, 3, 2], type: 'scatter' as const, name: 'warm-up' }];
    const layout = { width: 480, height: 320, showlegend: false };
    await Plotly.newPlot(div, data, layout, { staticPlot: true });
    await Plotly.react(div, [{ ...data[0], y: [2, 1, 3] }], layout, { staticPlot: true });
  } finally {
    Plotly.purge(div);
    div.remove();
  }
}

/** react-plotly sets an inline style unless given one; an empty object sets none. */
const NO_STYLE: CSSProperties = Object.freeze({}) as CSSProperties;

export interface ChartProps {
  /** Short title, shown above the chart. */
  title: string;
  /**
   * Text alternative: what the chart shows and its key numbers, in words (e.g. "Loss
   * fell from 6.2 to 2.1 nats over 300 steps; held-out 2.4."). Shown as the caption.
   */
  description: string;
  series: readonly ChartSeries[];
  xTitle?: string;
  yTitle?: string;
  /** Title of the right-hand axis (series with yaxis: 2). */
  y2Title?: string;
  logY?: boolean;
  /** Logarithmic x axis. */
  logX?: boolean;
  heatmap?: HeatmapSpec;
  /** Bump when series arrays were mutated in place (streaming), to redraw without a remount. */
  revision?: number;
  /** Emphasise one series by name; otherwise the shared highlight (highlight.ts) applies. */
  highlightedSeries?: string;
  /** The run diverged: true, or a message such as "loss became NaN at step 12". */
  diverged?: boolean | string;
  /** Shown instead of the plot while there is nothing to draw. */
  emptyMessage?: string;
  /** Most points drawn per series (default 600). */
  maxPoints?: number;
  /** Fixed axis ranges, for charts that stream (see figure.ts). */
  xRange?: readonly [number, number];
  yRange?: readonly [number, number];
  /** Fixed range of the right-hand axis. */
  y2Range?: readonly [number, number];
  /**
   * Draw the (empty) axes while there is no data, with the empty message over them:
   * a chart about to stream is created before its first points, not with them.
   */
  axesWhenEmpty?: boolean;
  /** Plot height: short 16rem, standard 22rem, tall 30rem. */
  size?: 'short' | 'standard' | 'tall';
  /**
   * File name of the downloads (image and data, without extension); defaults to the
   * title's. Every chart offers them (ChartExport.tsx).
   */
  exportName?: string;
}

export function Chart({
  title,
  description,
  series,
  xTitle,
  yTitle,
  y2Title,
  logY,
  logX,
  heatmap,
  revision,
  highlightedSeries,
  diverged,
  emptyMessage = 'No data yet.',
  maxPoints,
  xRange,
  yRange,
  y2Range,
  axesWhenEmpty = false,
  size = 'standard',
  exportName,
}: ChartProps) {
  const id = useId();
  const titleId = `${id}-title`;
  const descriptionId = `${id}-description`;
  const resolvedTheme = useResolvedTheme();
  // The reader's text size, raised in presentation mode: chart type grows with the page's.
  const textSize = useEffectiveTextSize();
  const sharedHighlight = useHighlightedKey();
  const setHovered = useChartHighlight((state) => state.setHovered);
  const linked = series.some((s) => s.highlightKey !== undefined);
  const [plotError, setPlotError] = useState(false);
  const theme = useMemo(() => chartThemeFor(resolvedTheme, textSize), [resolvedTheme, textSize]);
  // Legend entries hovered here, and series the reader hid by clicking the legend.
  const [legendHover, setLegendHover] = useState<string | null>(null);
  const [hidden, setHidden] = useState<ReadonlySet<string>>(() => new Set());
  const highlighted = highlightedSeries ?? legendHover ?? sharedHighlight ?? undefined;

  const input = useMemo<FigureInput>(
    () => ({
      series,
      xTitle,
      yTitle,
      y2Title,
      logY,
      logX,
      heatmap,
      highlightedSeries: highlighted,
      hiddenSeries: hidden,
      revision,
      maxPoints,
      xRange,
      yRange,
      y2Range,
    }),
    [
      series,
      xTitle,
      yTitle,
      y2Title,
      logY,
      logX,
      heatmap,
      highlighted,
      hidden,
      revision,
      maxPoints,
      xRange,
      yRange,
      y2Range,
    ],
  );
  const figure = useMemo(() => buildFigure(input, theme), [input, theme]);
  // The figure on screen, the first one included, goes through the redraw queue: one
  // chart per task (redrawQueue.ts), never in the task of the page's own render. Drawn
  // there, charts mounted together drew together: a 60–75 ms task as the Simulator's
  // results appeared, 140–180 ms as the PPO page's charts first drew.
  const latest = useMemo(() => ({ figure, revision }), [figure, revision]);
  const [shown, setShown] = useState<typeof latest | null>(null);
  // Queued only once Plotly has loaded: otherwise every chart would wait in Suspense and
  // all draw at once when the module arrives.
  const [plotReady, setPlotReady] = useState(plotLoaded);
  const queueKey = useRef({});
  useEffect(() => {
    if (!plotReady) return;
    const key = queueKey.current;
    // flushSync: the chart renders and Plotly redraws in the queue's task, alone. A
    // plain state update waited for React's next render, where two charts' updates
    // could meet and redraw in one task (24 + 17 ms, traced on the PPO page).
    if (shown !== latest) queueRedraw(key, () => flushSync(() => setShown(latest)));
    return () => cancelRedraw(key);
  }, [latest, shown, plotReady]);
  const empty = (shown ?? latest).figure.pointCount === 0;

  // Fetch Plotly even while there is nothing to draw, so the first points appear at once.
  useEffect(() => {
    if (plotReady) return;
    let live = true;
    loadPlot().then(
      () => live && setPlotReady(true),
      () => live && setPlotError(true),
    );
    return () => {
      live = false;
    };
  }, [plotReady]);

  const loading = (
    <p className="chart-message chart-loading" role="status">
      Loading chart…
    </p>
  );

  const failed = (
    <p className="chart-message chart-message--error">
      The chart could not be drawn; its description above gives the numbers.
    </p>
  );

  return (
    <figure className={`chart chart--${size}`} aria-labelledby={titleId}>
      <figcaption className="chart-caption">
        <span className="chart-title" id={titleId}>
          {title}
        </span>
        <span className="chart-description" id={descriptionId}>
          {description}
        </span>
      </figcaption>
      {!empty && (
        <ChartLegend
          entries={figure.legend}
          background={theme.background}
          highlighted={highlighted}
          onHover={(key) => {
            setLegendHover(key);
            // A series linked to a formula term lights the term too.
            if (key === null || figure.legend.some((e) => e.key === key && e.linked)) {
              setHovered(key);
            }
          }}
          onToggle={(key) =>
            setHidden((before) => {
              const next = new Set(before);
              if (!next.delete(key)) next.add(key);
              return next;
            })
          }
        />
      )}
      {diverged && (
        <p className="chart-diverged">
          <strong>Diverged:</strong>{' '}
          {typeof diverged === 'string'
            ? diverged.replace(/\.?$/, '.')
            : 'the run produced values that are not finite numbers.'}{' '}
          Those values are not drawn.
        </p>
      )}
      <div className="chart-area">
        {empty && !axesWhenEmpty ? (
          <p className="chart-message chart-empty">{emptyMessage}</p>
        ) : plotError ? (
          failed
        ) : shown === null ? (
          loading
        ) : (
          <ChartErrorBoundary fallback={failed}>
            <Suspense fallback={loading}>
              <div
                className="chart-plot-wrap"
                role="img"
                aria-labelledby={titleId}
                aria-describedby={descriptionId}
              >
                <LazyPlot
                  className="chart-plot"
                  style={NO_STYLE}
                  data={shown.figure.data}
                  layout={shown.figure.layout}
                  config={shown.figure.config}
                  revision={shown.revision}
                  useResizeHandler
                  onError={() => setPlotError(true)}
                  // Only charts with series linked to formula terms report hovers.
                  onHover={
                    linked
                      ? (event) => setHovered(hoveredKey(event as unknown as HoverEventLike))
                      : undefined
                  }
                  onUnhover={linked ? () => setHovered(null) : undefined}
                />
              </div>
            </Suspense>
          </ChartErrorBoundary>
        )}
        {empty && axesWhenEmpty && (
          <p className="chart-message chart-empty chart-message--overlay">{emptyMessage}</p>
        )}
      </div>
      {!empty && (
        <ChartExport
          title={title}
          fileName={exportName ?? fileSlug(title)}
          image={() => ({ figure: input, title, theme, size })}
          csv={() =>
            [series.length > 0 && seriesToCsv(series), heatmap && heatmapToCsv(heatmap)]
              .filter(Boolean)
              .join('\n')
          }
        />
      )}
    </figure>
  );
}
