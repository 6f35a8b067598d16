import { describe, expect, it } from 'vitest';
import type { ScatterData } from 'plotly.js';
import { chartThemeFor } from '../../src/components/chart/chartTheme';
import { buildFigure, seriesToCsv } from '../../src/components/chart/figure';

const theme = chartThemeFor('light', 'standard');
const steps = [0, 1, 2, 3];

function scatter(index: number, figure: ReturnType<typeof buildFigure>): Partial<ScatterData> {
  return figure.data[index] as Partial<ScatterData>;
}

describe('buildFigure', () => {
  it('never passes NaN or Infinity to Plotly, and counts what it dropped', () => {
    const figure = buildFigure(
      { series: [{ name: 'loss', x: steps, y: [3, Number.NaN, Infinity, 1] }] },
      theme,
    );
    expect(scatter(0, figure).y).toEqual([3, 1]);
    expect(figure.droppedPoints).toBe(2);
    expect(figure.pointCount).toBe(2);
  });

  it('tells series apart by marker symbol and dash, not only colour', () => {
    const figure = buildFigure(
      {
        series: [
          { name: 'train', x: steps, y: [4, 3, 2, 1] },
          { name: 'held-out', x: steps, y: [4, 3.5, 3, 2.5], dashed: true },
        ],
      },
      theme,
    );
    const [a, b] = [scatter(0, figure), scatter(1, figure)];
    expect(a.marker?.symbol).not.toBe(b.marker?.symbol);
    expect(a.line?.color).not.toBe(b.line?.color);
    expect(a.line?.dash).toBe('solid');
    expect(b.line?.dash).toBe('dash');
    // The legend is HTML (ChartLegend): one entry per series, told apart by more than colour.
    expect(figure.layout.showlegend).toBe(false);
    expect(figure.legend.map((e) => [e.name, e.dashed])).toEqual([
      ['train', false],
      ['held-out', true],
    ]);
    expect(figure.legend[0].symbol).not.toBe(figure.legend[1].symbol);
  });

  it('leaves series the reader hid out of the plot but keeps them in the legend', () => {
    const figure = buildFigure(
      {
        series: [
          { name: 'train', x: steps, y: [4, 3, 2, 1] },
          { name: 'held-out', highlightKey: 'h', x: steps, y: [4, 3.5, 3, 2.5] },
        ],
        hiddenSeries: new Set(['h']),
      },
      theme,
    );
    expect((figure.data[0] as { visible?: unknown }).visible).toBeUndefined();
    expect((figure.data[1] as { visible?: unknown }).visible).toBe(false);
    expect(figure.legend.map((e) => [e.key, e.hidden, e.linked])).toEqual([
      ['train', false, false],
      ['h', true, true],
    ]);
  });

  it('emphasises the highlighted series and dims the others', () => {
    const figure = buildFigure(
      {
        series: [
          { name: 'reward', x: steps, y: steps },
          { name: 'KL', x: steps, y: steps },
        ],
        highlightedSeries: 'KL',
      },
      theme,
    );
    expect(scatter(0, figure).opacity).toBeLessThan(1);
    expect(scatter(1, figure).opacity).toBe(1);
    expect(scatter(1, figure).line?.width).toBeGreaterThan(scatter(0, figure).line?.width ?? 0);
  });

  it('ignores a highlight naming no series', () => {
    const figure = buildFigure(
      { series: [{ name: 'loss', x: steps, y: steps }], highlightedSeries: 'nope' },
      theme,
    );
    expect(scatter(0, figure).opacity).toBe(1);
  });

  it('uses a log axis and drops values it cannot show', () => {
    const figure = buildFigure(
      { series: [{ name: 'ppl', x: steps, y: [0, 10, 5, -1] }], logY: true },
      theme,
    );
    expect(figure.layout.yaxis?.type).toBe('log');
    expect(scatter(0, figure).y).toEqual([10, 5]);
  });

  it('puts yaxis: 2 series on a right-hand axis', () => {
    const figure = buildFigure(
      {
        series: [
          { name: 'loss', x: steps, y: steps },
          { name: 'lr', x: steps, y: steps, yaxis: 2 },
        ],
        y2Title: 'learning rate',
      },
      theme,
    );
    expect(scatter(1, figure).yaxis).toBe('y2');
    expect(figure.layout.yaxis2?.side).toBe('right');
  });

  it('downsamples long series to maxPoints', () => {
    const x = Array.from({ length: 3000 }, (_, i) => i);
    const figure = buildFigure({ series: [{ name: 'loss', x, y: x }], maxPoints: 600 }, theme);
    expect(scatter(0, figure).x).toHaveLength(600);
  });

  it('carries the revision into datarevision for in-place updates, and none when not given', () => {
    const figure = buildFigure({ series: [], revision: 7 }, theme);
    expect(figure.layout.datarevision).toBe(7);
    // A pinned value would make Plotly.react ignore new data arrays.
    expect(buildFigure({ series: [] }, theme).layout.datarevision).toBeUndefined();
  });

  it('fixes the right-hand axis range when asked', () => {
    const figure = buildFigure(
      { series: [{ name: 'gold', x: [1, 2], y: [0.1, 0.2], yaxis: 2 }], y2Range: [0, 1] },
      theme,
    );
    expect(figure.layout.yaxis2?.range).toEqual([0, 1]);
    expect(figure.layout.yaxis2?.autorange).toBe(false);
  });

  it('draws bars with fill patterns and heatmaps without non-finite cells', () => {
    const figure = buildFigure(
      {
        series: [
          { name: 'a', x: ['x', 'y'], y: [1, 2], kind: 'bar' },
          { name: 'b', x: ['x', 'y'], y: [2, 1], kind: 'bar' },
        ],
        heatmap: { z: [[1, Number.NaN]] },
      },
      theme,
    );
    const barB = figure.data[1] as { type: string; marker: { pattern: { shape: string } } };
    expect(barB.type).toBe('bar');
    expect(barB.marker.pattern.shape).not.toBe('');
    expect((figure.data[2] as { z: unknown }).z).toEqual([[1, null]]);
  });
});

describe('seriesToCsv', () => {
  it('writes one row per point, quoting names that need it', () => {
    expect(seriesToCsv([{ name: 'loss, train', x: [0, 1], y: [2, 1.5] }])).toBe(
      'series,x,y\n"loss, train",0,2\n"loss, train",1,1.5\n',
    );
  });
});
