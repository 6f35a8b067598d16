import { act, fireEvent, screen, waitFor, within } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { DISCLAIMER } from '../../src/app/Disclaimer';
import { PAGES } from '../../src/app/pages';
import { useConfigStore } from '../../src/store/config';
import { renderApp } from './renderApp';

// A lazy route's first load transforms its whole page in jsdom: seconds on a busy machine.
const h1 = (name: string) => screen.findByRole('heading', { level: 1, name }, { timeout: 10_000 });

describe('the app shell', () => {
  it.each(PAGES.map((p) => [p.path, p.title]))('renders %s with its h1', async (path, title) => {
    renderApp(path);
    expect(await h1(title)).toBeTruthy();
    expect(screen.getByText(DISCLAIMER)).toBeTruthy();
  });

  it('shows the navigation as a pipeline and marks the current page', async () => {
    renderApp('/sft');
    await h1('Supervised fine-tuning');
    const nav = screen.getByRole('navigation', { name: 'Pages' });
    const pipeline = within(nav).getByRole('list', { name: 'Training pipeline' });
    const stages = within(pipeline)
      .getAllByRole('link')
      .map((a) => a.textContent);
    expect(stages).toEqual([
      '1Stage 1: Pretraining',
      '2Stage 2: SFT',
      '3Stage 3: Reward model',
      '4Stage 4: PPO',
    ]);
    const current = within(nav).getByRole('link', { current: 'page' });
    expect(current.textContent).toContain('SFT');
  });

  it('has a skip link to the main content', async () => {
    renderApp('/');
    await h1('Four stages from text to assistant');
    const skip = screen.getByRole('link', { name: 'Skip to content' });
    fireEvent.click(skip);
    expect(document.activeElement?.id).toBe('main');
  });

  it('shows the 404 page for an unknown path, with links to every page', async () => {
    renderApp('/no-such-page');
    expect(await h1('Page not found')).toBeTruthy();
    expect(screen.getByText('/no-such-page')).toBeTruthy();
    expect(screen.getByText(DISCLAIMER)).toBeTruthy();
  });

  it('navigates by click and moves focus to the new h1', async () => {
    renderApp('/');
    await h1('Four stages from text to assistant');
    const nav = screen.getByRole('navigation', { name: 'Pages' });
    fireEvent.click(within(nav).getByRole('link', { name: /Reward model/ }));
    const heading = await h1('Reward model');
    await waitFor(() => expect(document.activeElement).toBe(heading));
  });

  it('navigates with the "]" and "[" keys, but not while typing', async () => {
    renderApp('/pretraining');
    await h1('Pretraining');
    fireEvent.keyDown(window, { key: ']' });
    expect(await h1('Supervised fine-tuning')).toBeTruthy();
    fireEvent.keyDown(window, { key: '[' });
    expect(await h1('Pretraining')).toBeTruthy();
    fireEvent.keyDown(window, { key: '[', ctrlKey: true });
    const select = screen.getAllByRole('combobox')[0];
    fireEvent.keyDown(select, { key: '[' });
    await act(async () => {});
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Pretraining');
  });

  it('reads the config from the URL, shows notices, and keeps the query across pages', async () => {
    const { router } = renderApp('/?seed=abc&pretrain.learningRate=99&foo=1');
    await h1('Four stages from text to assistant');
    const status = await screen.findByText('Some settings in the link were adjusted:');
    const banner = status.closest('.notice-banner') as HTMLElement;
    expect(within(banner).getByText(/Unknown setting "foo" ignored/)).toBeTruthy();
    expect(within(banner).getByText(/Learning rate \(pretrain.learningRate\) = 99/)).toBeTruthy();
    expect(within(banner).getByText(/Seed \(seed\) = "abc" is not a number/)).toBeTruthy();
    expect(useConfigStore.getState().config.pretrain.learningRate).toBe(1);
    // The URL is rewritten to the canonical query of what is actually used.
    await waitFor(() => expect(router.state.location.search).toBe('?pretrain.learningRate=1'));

    const nav = screen.getByRole('navigation', { name: 'Pages' });
    fireEvent.click(within(nav).getByRole('link', { name: /SFT/ }));
    await h1('Supervised fine-tuning');
    expect(router.state.location.search).toBe('?pretrain.learningRate=1');

    fireEvent.click(within(banner).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByText('Some settings in the link were adjusted:')).toBeNull();
  });

  it('writes config edits back to the URL', async () => {
    const { router } = renderApp('/sft');
    await h1('Supervised fine-tuning');
    act(() => {
      useConfigStore.getState().setField('seed', 7);
    });
    await waitFor(() => expect(router.state.location.search).toBe('?seed=7'));
    // The SFT comparison table reads the same store.
    expect(screen.getByRole('row', { name: /^Steps \(this configuration\)/ })).toBeTruthy();
  });
});
