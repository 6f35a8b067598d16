import { act, render, screen, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { Chart } from '../../src/components/chart';

// jsdom cannot run Plotly (no layout, no canvas), so the lazily loaded Plotly module is
// replaced by a stand-in that records its props. The gate holds the "download" open
// so the loading state can be observed.
const plot = vi.hoisted(() => {
  let open: () => void = () => {};
  const gate = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { gate, open: () => open(), props: [] as Record<string, unknown>[] };
});

vi.mock('../../src/components/chart/PlotlyPlot', async () => {
  const { createElement } = await import('react');
  await plot.gate;
  return {
    default: (props: Record<string, unknown>) => {
      plot.props.push(props);
      return createElement('div', { 'data-testid': 'plotly' });
    },
  };
});

const loss = {
  name: 'train loss',
  x: [0, 1, 2, 3],
  y: [5, Number.NaN, 3, 2],
};

describe('<Chart>', () => {
  it('shows its title and description at once, and a loading state while Plotly loads', () => {
    render(
      <Chart
        title="Pretraining loss"
        description="Loss fell from 5.0 to 2.0 nats over 3 steps."
        series={[loss]}
      />,
    );
    expect(screen.getByText('Pretraining loss')).toBeTruthy();
    expect(screen.getByText('Loss fell from 5.0 to 2.0 nats over 3 steps.')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('Loading chart…');
  });

  it('draws with Plotly once loaded, with no NaN in the data and the text alternative attached', async () => {
    render(<Chart title="Loss" description="Loss fell to 2.0." series={[loss]} revision={3} />);
    await act(async () => plot.open());
    expect(await screen.findByTestId('plotly')).toBeTruthy();
    const img = screen.getByRole('img', { name: 'Loss' });
    expect(img.getAttribute('aria-describedby')).toBeTruthy();
    const last = plot.props[plot.props.length - 1] as {
      data: { y: number[] }[];
      revision: number;
    };
    expect(last.data[0].y).toEqual([5, 3, 2]);
    expect(last.revision).toBe(3);
  });

  it('updates in place when the revision changes (no remount)', async () => {
    const series = [{ name: 'loss', x: [0, 1], y: [2, 1] }];
    const { rerender } = render(
      <Chart title="Loss" description="d" series={series} revision={1} />,
    );
    const before = await screen.findByTestId('plotly');
    series[0].x.push(2);
    series[0].y.push(0.5);
    rerender(<Chart title="Loss" description="d" series={series} revision={2} />);
    // Redraws go through the redraw queue (one chart per task), so the new data arrives
    // a task later, in the same element.
    await waitFor(() => {
      const last = plot.props[plot.props.length - 1] as { data: { y: number[] }[] };
      expect(last.data[0].y).toEqual([2, 1, 0.5]);
    });
    expect(screen.getByTestId('plotly')).toBe(before);
  });

  it('says so when the run diverged', async () => {
    render(
      <Chart
        title="Loss"
        description="d"
        series={[{ name: 'loss', x: [0, 1], y: [2, Number.POSITIVE_INFINITY] }]}
        diverged="loss became infinite at step 1 (learning rate too high)."
      />,
    );
    expect(screen.getByText(/Diverged:/)).toBeTruthy();
    expect(screen.getByText(/loss became infinite at step 1/)).toBeTruthy();
  });

  it('shows the empty message when there is nothing to draw', () => {
    render(
      <Chart
        title="Reward"
        description="No run yet."
        series={[]}
        emptyMessage="Train to see the reward."
      />,
    );
    expect(screen.getByText('Train to see the reward.')).toBeTruthy();
  });
});
