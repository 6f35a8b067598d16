import { fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { ProbesSection } from '../../src/pages/pretraining/sections/ProbesSection';
import { TrainingCurvesSection } from '../../src/pages/pretraining/sections/TrainingCurvesSection';
import { CrossEntropySection } from '../../src/pages/pretraining/sections/CrossEntropySection';
import { makeMetrics, makeRun, setRuns } from './runFixtures';

// jsdom cannot run Plotly: a stand-in records what the chart would draw.
const plot = vi.hoisted(() => ({ props: [] as { data: { name: string; y: number[] }[] }[] }));
vi.mock('../../src/components/chart/PlotlyPlot', async () => {
  const { createElement } = await import('react');
  return {
    default: (props: { data: { name: string; y: number[] }[] }) => {
      plot.props.push(props);
      return createElement('div', { 'data-testid': 'plotly' });
    },
  };
});

const probes = Array.from({ length: 12 }, (_, i) => ({
  context: `Drug ${i} is contraindicated when eGFR is below`,
  answer: '30',
  completion: i % 3 === 0 ? ' 45' : ' 30',
  correct: i % 3 !== 0,
}));

describe('Pretraining sections', () => {
  it('draws train, held-out and the unigram baseline, and switches to perplexity', async () => {
    setRuns({ pretrain: makeRun('pretrain', { summary: { unigramLoss: 5.5 } }) });
    render(<TrainingCurvesSection />);
    const loss = screen.getByRole('figure', { name: 'Cross-entropy loss' });
    expect(loss.textContent).toContain(
      'Train loss went from 6.00 to 2.00 over 20 steps; held-out 2.30 at step 20; the unigram baseline (no context) is 5.50.',
    );
    await within(loss).findByTestId('plotly');
    const names = plot.props.map((p) => p.data.map((d) => d.name).join(','));
    expect(names).toContain('train,held-out,unigram baseline');

    fireEvent.click(screen.getByRole('radio', { name: 'Perplexity' }));
    const ppl = screen.getByRole('figure', { name: 'Perplexity' });
    expect(ppl.textContent).toContain('from 403 to 7.39 over 20 steps');
  });

  it('shows a diverged run as such, without NaN', () => {
    const metrics = makeMetrics(5);
    metrics[4] = { ...metrics[4], loss: Number.NaN };
    setRuns({
      pretrain: makeRun('pretrain', {
        status: 'diverged',
        metrics,
        message: 'diverged at step 5: the loss became NaN',
      }),
    });
    render(<TrainingCurvesSection />);
    expect(screen.getByText(/Diverged:/).parentElement?.textContent).toContain(
      'diverged at step 5: the loss became NaN.',
    );
    expect(document.body.textContent).not.toContain('NaN ');
  });

  it('says what to do when there is no run', () => {
    setRuns({});
    render(<TrainingCurvesSection />);
    expect(screen.getByText('No run yet: press “Train live” above.')).toBeTruthy();
  });

  it('lists the probes with a written verdict and shows all on request', () => {
    setRuns({ pretrain: makeRun('pretrain', { summary: { probes } }) });
    render(<ProbesSection />);
    expect(screen.getByText('8 of 12 facts recalled')).toBeTruthy();
    const table = screen.getByRole('table');
    expect(within(table).getAllByRole('row')).toHaveLength(1 + 8);
    expect(within(table).getAllByText('wrong').length).toBeGreaterThan(0);
    fireEvent.click(screen.getByRole('button', { name: 'Show all 12 probes' }));
    expect(within(table).getAllByRole('row')).toHaveLength(1 + 12);
  });

  it('puts the run’s numbers into the cross-entropy formula', () => {
    setRuns({ pretrain: makeRun('pretrain', { summary: { unigramLoss: 5.5 } }) });
    render(<CrossEntropySection />);
    const live = screen.getByRole('img', { name: /With this run's numbers/ });
    expect(live.getAttribute('aria-label')).toContain('held-out loss 2.30 at step 20');
    expect(live.getAttribute('aria-label')).toContain('Unigram baseline 5.50');
  });
});
