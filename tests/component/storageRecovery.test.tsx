/**
 * Stored data that cannot be trusted is reset, repaired in storage and reported (the
 * notice region shows it); "Reset the app" clears this app's keys only, after a
 * confirm step. The service worker is never registered outside a production build.
 */
import { act, fireEvent, render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { NoticeBanner } from '../../src/app/NoticeBanner';
import { clearAppStorage, ResetAppControl } from '../../src/app/ResetAppControl';
import { registerServiceWorker, useAppUpdate } from '../../src/app/serviceWorker';
import { useStorageNotices } from '../../src/store/storageNotices';
import {
  DEFAULT_UI_PREFS,
  PREFS_FOREIGN_NOTICE,
  PREFS_NEWER_NOTICE,
  PREFS_UNREADABLE_NOTICE,
  readStoredPrefs,
  UI_PREFS_KEY,
  UI_PREFS_VERSION,
  useUiPrefs,
} from '../../src/store/uiPrefs';

afterEach(() => {
  useStorageNotices.getState().dismiss();
  useAppUpdate.setState({ state: 'none' });
  sessionStorage.clear();
});

const envelope = (state: unknown, version: unknown = UI_PREFS_VERSION) =>
  JSON.stringify({ state, version });

describe('readStoredPrefs', () => {
  it('reads nothing as nothing, and a valid entry as it is', () => {
    expect(readStoredPrefs(null)).toEqual({ value: null, notice: null, repair: null });
    expect(readStoredPrefs(envelope({ theme: 'dark', textSize: 'large' }))).toEqual({
      value: { state: { theme: 'dark', textSize: 'large' }, version: UI_PREFS_VERSION },
      notice: null,
      repair: null,
    });
  });

  it.each([
    ['damaged JSON', '{"state": {"theme"', PREFS_UNREADABLE_NOTICE],
    ['a bare value', '42', PREFS_FOREIGN_NOTICE],
    ['an array', '[1, 2]', PREFS_FOREIGN_NOTICE],
    ['no state', JSON.stringify({ theme: 'dark' }), PREFS_FOREIGN_NOTICE],
    ['a version that is not a number', envelope({ theme: 'dark' }, 'two'), PREFS_FOREIGN_NOTICE],
    ['a negative version', envelope({ theme: 'dark' }, -1), PREFS_FOREIGN_NOTICE],
    ['a newer version', envelope({ theme: 'dark' }, UI_PREFS_VERSION + 1), PREFS_NEWER_NOTICE],
  ])('resets %s to the defaults, removes it and says so', (_, raw, notice) => {
    expect(readStoredPrefs(raw)).toEqual({ value: null, notice, repair: 'remove' });
  });

  it('keeps valid values, resets invalid ones and names them', () => {
    const read = readStoredPrefs(envelope({ theme: 'neon', textSize: 99 }));
    expect(read.value?.state).toEqual(DEFAULT_UI_PREFS);
    expect(read.notice).toBe(
      'Some display settings stored in this browser were not valid and were reset to the defaults: theme, text size.',
    );
    expect(read.repair).toBe('rewrite');
    expect(readStoredPrefs(envelope({ theme: 'neon', textSize: 'large' })).value?.state).toEqual({
      theme: 'system',
      textSize: 'large',
    });
  });

  it('migrates an older version quietly and writes it back in the current one', () => {
    expect(readStoredPrefs(JSON.stringify({ state: { theme: 'light' } }))).toEqual({
      value: { state: { theme: 'light', textSize: 'standard' }, version: UI_PREFS_VERSION },
      notice: null,
      repair: 'rewrite',
    });
  });
});

describe('preferences in storage', () => {
  it('a damaged entry: defaults, storage repaired, a notice shown until dismissed', async () => {
    localStorage.setItem(UI_PREFS_KEY, envelope({ theme: 'dark', textSize: 'gigantic' }));
    await act(() => useUiPrefs.persist.rehydrate());
    expect(useUiPrefs.getState().theme).toBe('dark');
    expect(useUiPrefs.getState().textSize).toBe('standard');
    expect(JSON.parse(localStorage.getItem(UI_PREFS_KEY) ?? 'null')).toEqual({
      state: { theme: 'dark', textSize: 'standard' },
      version: UI_PREFS_VERSION,
    });

    render(<NoticeBanner />);
    const notice = screen.getByText(/were not valid and were reset to the defaults: text size/);
    const banner = notice.closest('.notice-banner') as HTMLElement;
    expect(within(banner).getByText('Data stored in this browser was reset:')).toBeTruthy();
    fireEvent.click(within(banner).getByRole('button', { name: 'Dismiss' }));
    expect(screen.queryByText(/were not valid/)).toBeNull();
  });

  it('a newer version: defaults, the entry removed, a notice', async () => {
    localStorage.setItem(UI_PREFS_KEY, envelope({ theme: 'dark' }, 50));
    await act(() => useUiPrefs.persist.rehydrate());
    expect(useUiPrefs.getState().theme).toBe('system');
    expect(localStorage.getItem(UI_PREFS_KEY)).toBeNull();
    expect(useStorageNotices.getState().notices).toEqual([PREFS_NEWER_NOTICE]);
  });

  it('the same problem found twice is reported once', async () => {
    localStorage.setItem(UI_PREFS_KEY, '{oops');
    await act(() => useUiPrefs.persist.rehydrate());
    localStorage.setItem(UI_PREFS_KEY, '{oops');
    await act(() => useUiPrefs.persist.rehydrate());
    expect(useStorageNotices.getState().notices).toEqual([PREFS_UNREADABLE_NOTICE]);
  });
});

describe('"Reset the app"', () => {
  it('asks first; Cancel keeps everything and returns focus', () => {
    const onReset = vi.fn();
    render(<ResetAppControl onReset={onReset} />);
    fireEvent.click(screen.getByRole('button', { name: 'Reset the app…' }));
    const group = screen.getByRole('group', { name: /Delete your display settings and kept runs/ });
    // Focus goes to the harmless choice: Enter twice does not wipe anything.
    expect(document.activeElement).toBe(within(group).getByRole('button', { name: 'Cancel' }));
    fireEvent.click(within(group).getByRole('button', { name: 'Cancel' }));
    expect(onReset).not.toHaveBeenCalled();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Reset the app…' }));

    fireEvent.click(screen.getByRole('button', { name: 'Reset the app…' }));
    fireEvent.click(screen.getByRole('button', { name: 'Reset and reload' }));
    expect(onReset).toHaveBeenCalledTimes(1);
  });

  it("clears this app's keys in local and session storage, and nothing else", () => {
    localStorage.setItem(UI_PREFS_KEY, envelope({ theme: 'dark' }));
    localStorage.setItem('pipeline-lab:saved-runs', '{}');
    localStorage.setItem('another-app:prefs', 'keep');
    sessionStorage.setItem('pipeline-lab:session', '1');
    sessionStorage.setItem('another-app:session', 'keep');
    expect(clearAppStorage().sort()).toEqual([
      'pipeline-lab:saved-runs',
      'pipeline-lab:session',
      UI_PREFS_KEY,
    ]);
    expect(Object.keys(localStorage)).toEqual(['another-app:prefs']);
    expect(Object.keys(sessionStorage)).toEqual(['another-app:session']);
  });
});

describe('service worker', () => {
  it('is not registered outside a production build', () => {
    const register = vi.fn(() => Promise.resolve());
    vi.stubGlobal('navigator', { ...navigator, serviceWorker: { register } });
    registerServiceWorker();
    window.dispatchEvent(new Event('load'));
    expect(register).not.toHaveBeenCalled();
    vi.unstubAllGlobals();
  });

  it('an update waiting is offered, never forced', () => {
    render(<NoticeBanner />);
    act(() => useAppUpdate.setState({ state: 'ready' }));
    expect(screen.getByText(/A new version of Pipeline Lab is ready/)).toBeTruthy();
    expect(screen.getByRole('button', { name: 'Update now (reloads)' })).toBeTruthy();
    fireEvent.click(screen.getByRole('button', { name: 'Later' }));
    expect(screen.queryByText(/A new version/)).toBeNull();
  });
});
