import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { RunPanel } from '../../src/components/run/RunPanel';
import { nextSeed } from '../../src/components/run/runStatus';
import { DEFAULT_CONFIG, setConfigValue } from '../../src/sim';
import { useConfigStore } from '../../src/store/config';
import { makeMetrics, makeRun, setRuns } from './runFixtures';

const panel = () => screen.getByRole('region', { name: /run$/ });

describe('<RunPanel>', () => {
  it('names the shipped default run and offers Train live and New seed', () => {
    const { train } = setRuns({ pretrain: makeRun('pretrain') });
    render(<RunPanel stage="pretrain" />);
    expect(panel().textContent).toContain('Default run, shipped with the app');
    expect(screen.getByRole('status').textContent).toBe(
      'Run shown: Default run, shipped with the app · seed 1 · completed, 20 steps',
    );
    expect(screen.queryByRole('progressbar')).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Train live' }));
    expect(train).toHaveBeenCalledWith('pretrain', DEFAULT_CONFIG, { force: true });
  });

  it('New seed moves to the next seed and trains it', () => {
    const { train } = setRuns({ pretrain: makeRun('pretrain') });
    render(<RunPanel stage="pretrain" />);
    fireEvent.click(screen.getByRole('button', { name: /New seed/ }));
    expect(useConfigStore.getState().config.seed).toBe(2);
    expect(train).toHaveBeenCalledWith('pretrain', setConfigValue(DEFAULT_CONFIG, 'seed', 2));
    expect(nextSeed(2 ** 31 - 1)).toBe(0);
  });

  it('says when the configuration differs from the run shown, and offers to train it', () => {
    const { train } = setRuns({ pretrain: makeRun('pretrain') });
    useConfigStore.setState({ config: setConfigValue(DEFAULT_CONFIG, 'pretrain.steps', 40) });
    render(<RunPanel stage="pretrain" />);
    expect(panel().textContent).toContain('your configuration differs from it');
    expect(panel().textContent).toContain('This configuration has not been trained yet.');
    fireEvent.click(screen.getByRole('button', { name: 'Train it' }));
    expect(train).toHaveBeenCalledWith('pretrain', useConfigStore.getState().config, {
      force: false,
    });
  });

  it('shows progress and Cancel while training, pretraining first for SFT', () => {
    const config = DEFAULT_CONFIG;
    const { cancel } = setRuns(
      {
        pretrain: makeRun('pretrain', {
          status: 'running',
          source: 'live',
          metrics: makeMetrics(30),
          progress: 0.1,
        }),
      },
      { runId: 'run-1', stage: 'pretrain', queue: ['sft'], config },
    );
    render(<RunPanel stage="sft" />);
    const bar = screen.getByRole('progressbar');
    expect(bar.getAttribute('aria-valuenow')).toBe('10');
    expect(bar.getAttribute('aria-valuetext')).toBe(
      `Pretraining: step 30 of ${config.pretrain.steps}`,
    );
    expect(screen.getByRole('status').textContent).toBe(
      'Run shown: Training live in your browser: pretraining first, then SFT · seed 1',
    );
    expect(screen.queryByRole('button', { name: 'Train live' })).toBeNull();
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(cancel).toHaveBeenCalled();
  });

  it('follows the store while a run streams', () => {
    setRuns(
      { pretrain: makeRun('pretrain', { status: 'running', source: 'live', progress: 0.2 }) },
      { runId: 'run-2', stage: 'pretrain', queue: [], config: DEFAULT_CONFIG },
    );
    render(<RunPanel stage="pretrain" />);
    act(() => {
      setRuns({ pretrain: makeRun('pretrain', { status: 'completed', source: 'live' }) });
    });
    expect(screen.queryByRole('progressbar')).toBeNull();
    expect(panel().textContent).toContain('Trained live in your browser');
  });

  it('shows a divergence as an alert', () => {
    setRuns({
      pretrain: makeRun('pretrain', {
        status: 'diverged',
        source: 'live',
        message: 'diverged at step 12: the loss became NaN',
      }),
    });
    render(<RunPanel stage="pretrain" />);
    expect(screen.getByRole('alert').textContent).toContain(
      'Pretraining diverged: Diverged at step 12: the loss became NaN.',
    );
  });

  it('explains why SFT did not start when pretraining diverged', () => {
    setRuns({
      pretrain: makeRun('pretrain', { status: 'diverged', source: 'live', message: 'boom' }),
    });
    render(<RunPanel stage="sft" />);
    expect(screen.getByRole('alert').textContent).toContain(
      'Pretraining diverged, so SFT could not start: Boom.',
    );
  });

  it('reports a cancelled run and where it stopped', () => {
    setRuns({
      pretrain: makeRun('pretrain', {
        status: 'cancelled',
        source: 'live',
        metrics: makeMetrics(7),
      }),
    });
    render(<RunPanel stage="pretrain" />);
    const region = panel();
    expect(within(region).getByText('Pretraining was cancelled at step 7.')).toBeTruthy();
    expect(region.textContent).toContain('This configuration was not trained to the end.');
  });

  it('shows why the default run is missing, without a crash', () => {
    setRuns({
      pretrain: {
        ...makeRun('pretrain'),
        status: 'idle',
        source: null,
        key: null,
        metrics: [],
        message: 'The default run could not be loaded (HTTP 404); train it live instead.',
      },
    });
    render(<RunPanel stage="pretrain" />);
    expect(panel().textContent).toContain('No run yet');
    expect(panel().textContent).toContain('The default run could not be loaded (HTTP 404)');
  });
});
