import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Chart } from '../../src/components/chart';
import { useChartHighlight } from '../../src/components/chart/highlight';
import { hoveredKey } from '../../src/components/chart/hoverKey';
import { Formula, type FormulaTerm } from '../../src/components/formula';

// The Plotly stand-in records the traces it is given and exposes its hover handlers.
const plot = vi.hoisted(() => ({ props: [] as Record<string, unknown>[] }));
vi.mock('../../src/components/chart/PlotlyPlot', async () => {
  const { createElement } = await import('react');
  return {
    default: (props: Record<string, unknown>) => {
      plot.props.push(props);
      return createElement('div', { 'data-testid': 'plotly' });
    },
  };
});

interface Trace {
  name: string;
  meta?: string;
  opacity: number;
  line: { width: number };
}
const lastTraces = () => (plot.props[plot.props.length - 1] as { data: Trace[] }).data;
const lastProps = () =>
  plot.props[plot.props.length - 1] as {
    onHover?: (event: unknown) => void;
    onUnhover?: () => void;
  };

const TERMS: FormulaTerm[] = [
  { tex: String.raw`\beta`, text: 'beta', seriesKey: 'kl-line', where: 'KL chart, KL line' },
];

function Page() {
  return (
    <>
      <Formula tex="x" text="the formula" terms={TERMS} />
      <Chart
        title="KL"
        description="d"
        series={[
          { name: 'score', x: [0, 1], y: [0, 1] },
          { name: 'KL', highlightKey: 'kl-line', x: [0, 1], y: [2, 3] },
        ]}
      />
    </>
  );
}

afterEach(() => {
  useChartHighlight.setState({ hovered: null, pinned: null });
  plot.props.length = 0;
});

describe('formula terms linked to chart series', () => {
  it('hovering or focusing a term emphasises its series and dims the others', async () => {
    render(<Page />);
    await screen.findByTestId('plotly');
    const term = screen.getByRole('button', { name: 'beta: KL chart, KL line' });
    fireEvent.mouseEnter(term);
    await waitFor(() => {
      const [score, kl] = lastTraces();
      expect(kl.line.width).toBeGreaterThan(score.line.width);
      expect(score.opacity).toBeLessThan(1);
    });
    fireEvent.mouseLeave(term);
    await waitFor(() => expect(lastTraces()[0].opacity).toBe(1));
    act(() => term.focus());
    await waitFor(() => expect(lastTraces()[0].opacity).toBeLessThan(1));
  });

  it('clicking a term pins the highlight until it is clicked again', async () => {
    render(<Page />);
    await screen.findByTestId('plotly');
    const term = screen.getByRole('button', { name: 'beta: KL chart, KL line' });
    fireEvent.click(term);
    expect(term.getAttribute('aria-pressed')).toBe('true');
    await waitFor(() => expect(lastTraces()[0].opacity).toBeLessThan(1));
    fireEvent.click(term);
    expect(term.getAttribute('aria-pressed')).toBe('false');
    await waitFor(() => expect(lastTraces()[0].opacity).toBe(1));
  });

  it('hovering the linked trace lights the term', async () => {
    render(<Page />);
    await screen.findByTestId('plotly');
    const term = screen.getByRole('button', { name: 'beta: KL chart, KL line' });
    expect(term.className).not.toContain('formula-term--active');
    act(() => lastProps().onHover?.({ points: [{ data: { meta: 'kl-line' } }] }));
    expect(term.className).toContain('formula-term--active');
    act(() => lastProps().onUnhover?.());
    expect(term.className).not.toContain('formula-term--active');
  });
});

describe('the chart legend', () => {
  it('hides and shows a series on click, and lights a linked formula term on hover', async () => {
    render(<Page />);
    await screen.findByTestId('plotly');
    const legendKl = screen.getByRole('button', { name: 'KL' });
    expect(legendKl.getAttribute('aria-pressed')).toBe('true');
    fireEvent.click(legendKl);
    expect(legendKl.getAttribute('aria-pressed')).toBe('false');
    await waitFor(() => expect((lastTraces()[1] as { visible?: unknown }).visible).toBe(false));
    fireEvent.click(legendKl);
    await waitFor(() => expect((lastTraces()[1] as { visible?: unknown }).visible).toBeUndefined());

    const term = screen.getByRole('button', { name: 'beta: KL chart, KL line' });
    fireEvent.mouseEnter(legendKl);
    expect(term.className).toContain('formula-term--active');
    fireEvent.mouseLeave(legendKl);
    expect(term.className).not.toContain('formula-term--active');
    // An unlinked series is emphasised in its own chart only.
    fireEvent.mouseEnter(screen.getByRole('button', { name: 'score' }));
    expect(term.className).not.toContain('formula-term--active');
    await waitFor(() => expect(lastTraces()[1].opacity).toBeLessThan(1));
  });
});

describe('hoveredKey', () => {
  // An axis whose pixel position is the value itself, for easy reading.
  const axis = { d2p: (v: unknown) => Number(v) };
  it('takes the trace drawn nearest the cursor among the unified hover points', () => {
    const event = {
      yaxes: [axis],
      yvals: [10],
      points: [
        { y: 0, yaxis: axis, data: { meta: 'far' } },
        { y: 12, yaxis: axis, data: { meta: 'near' } },
        { y: 30, yaxis: axis, data: {} },
      ],
    };
    expect(hoveredKey(event)).toBe('near');
  });

  it('falls back to the first point without axis information, and to null without a key', () => {
    expect(hoveredKey({ points: [{ data: { meta: 'a' } }, { data: { meta: 'b' } }] })).toBe('a');
    expect(hoveredKey({ points: [{ data: {} }] })).toBeNull();
    expect(hoveredKey({})).toBeNull();
  });
});
