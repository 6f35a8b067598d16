/**
 * A failure stays where it happened: a page that throws shows "Something went wrong"
 * with "Try again" inside the layout (header, navigation and notices keep working); a
 * chart that throws shows a message in place of the plot, the rest of the page intact;
 * a layout that throws still gets a page with a Reload button, never a blank screen.
 */
import { fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DISCLAIMER } from '../../src/app/Disclaimer';
import { Chart } from '../../src/components/chart';
import { renderApp } from './renderApp';

const broken = vi.hoisted(() => ({ page: false, plot: false, header: false }));

vi.mock('../../src/pages/pharma/PharmaPage', async () => {
  const { createElement } = await import('react');
  return {
    default: function PharmaPage() {
      if (broken.page) throw new Error('the pharma page broke');
      return createElement('h1', null, 'Pharmaceutical applications');
    },
  };
});

vi.mock('../../src/components/chart/PlotlyPlot', async () => {
  const { createElement } = await import('react');
  return {
    default: function PlotlyPlot() {
      if (broken.plot) throw new Error('Plotly broke');
      return createElement('div', { 'data-testid': 'plotly' });
    },
  };
});

vi.mock('../../src/app/Header', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../../src/app/Header')>();
  const { createElement } = await import('react');
  return {
    Header: function Header() {
      if (broken.header) throw new Error('the header broke');
      return createElement(actual.Header);
    },
  };
});

const h1 = (name: string) => screen.findByRole('heading', { level: 1, name }, { timeout: 10_000 });

beforeEach(() => {
  // React and the router log caught render errors; they are expected here.
  vi.spyOn(console, 'error').mockImplementation(() => {});
  vi.spyOn(console, 'warn').mockImplementation(() => {});
});

afterEach(() => {
  broken.page = false;
  broken.plot = false;
  broken.header = false;
  vi.restoreAllMocks();
});

describe('failure containment', () => {
  it('a page that throws shows the error inside the layout, and "Try again" renders it again', async () => {
    broken.page = true;
    renderApp('/pharma');
    await h1('Something went wrong');
    expect(screen.getByText('the pharma page broke')).toBeTruthy();
    // The frame still works.
    expect(screen.getByText(DISCLAIMER)).toBeTruthy();
    expect(screen.getByRole('navigation', { name: 'Pages' })).toBeTruthy();

    broken.page = false;
    fireEvent.click(screen.getByRole('button', { name: 'Try again' }));
    expect(await h1('Pharmaceutical applications')).toBeTruthy();
    expect(screen.queryByText('Something went wrong')).toBeNull();
  });

  it('after a page fails, another page opens from the navigation', async () => {
    broken.page = true;
    renderApp('/pharma');
    await h1('Something went wrong');
    const nav = screen.getByRole('navigation', { name: 'Pages' });
    fireEvent.click(within(nav).getByRole('link', { name: /Simulator/ }));
    expect(await h1('Simulator')).toBeTruthy();
  });

  it('a chart that throws is replaced by a message; its caption stays', async () => {
    broken.plot = true;
    render(
      <div>
        <p>Text around the chart</p>
        <Chart
          title="Pretraining loss"
          description="Loss fell from 5.0 to 2.0 nats over 3 steps."
          series={[{ name: 'train loss', x: [0, 1, 2], y: [5, 3, 2] }]}
        />
      </div>,
    );
    expect(
      await screen.findByText(
        'The chart could not be drawn; its description above gives the numbers.',
      ),
    ).toBeTruthy();
    expect(screen.getByText('Loss fell from 5.0 to 2.0 nats over 3 steps.')).toBeTruthy();
    expect(screen.getByText('Text around the chart')).toBeTruthy();
  });

  it('a layout that throws still shows a page with a way out', async () => {
    broken.header = true;
    renderApp('/');
    await h1('Pipeline Lab could not start');
    expect(screen.getByText('the header broke')).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Reload' })).toBeTruthy();
    expect(screen.getByRole('link', { name: 'Go to the home page' })).toBeTruthy();
  });
});
