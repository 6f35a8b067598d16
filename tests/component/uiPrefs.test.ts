import { describe, expect, it } from 'vitest';
import {
  DEFAULT_UI_PREFS,
  UI_PREFS_KEY,
  UI_PREFS_VERSION,
  migratePrefs,
  sanitizePrefs,
  useUiPrefs,
} from '../../src/store/uiPrefs';

async function rehydrateFrom(raw: string | null) {
  if (raw === null) localStorage.removeItem(UI_PREFS_KEY);
  else localStorage.setItem(UI_PREFS_KEY, raw);
  await useUiPrefs.persist.rehydrate();
  const { theme, textSize } = useUiPrefs.getState();
  return { theme, textSize };
}

describe('uiPrefs', () => {
  it('sanitizes anything into valid preferences', () => {
    expect(sanitizePrefs(null)).toEqual(DEFAULT_UI_PREFS);
    expect(sanitizePrefs(42)).toEqual(DEFAULT_UI_PREFS);
    expect(sanitizePrefs({ theme: 'purple', textSize: 'large' })).toEqual({
      theme: 'system',
      textSize: 'large',
    });
  });

  it('migrates an older version, keeping what still fits', () => {
    expect(migratePrefs({ theme: 'dark', fontScale: 2 }, 0)).toEqual({
      theme: 'dark',
      textSize: 'standard',
    });
  });

  it('persists changes with the current version', () => {
    useUiPrefs.getState().setTheme('high-contrast');
    const stored = JSON.parse(localStorage.getItem(UI_PREFS_KEY) ?? 'null');
    expect(stored).toEqual({
      state: { theme: 'high-contrast', textSize: 'standard' },
      version: UI_PREFS_VERSION,
    });
  });

  it('restores valid stored preferences', async () => {
    const raw = JSON.stringify({ state: { theme: 'dark', textSize: 'x-large' }, version: 1 });
    expect(await rehydrateFrom(raw)).toEqual({ theme: 'dark', textSize: 'x-large' });
  });

  it('resets to the defaults, without throwing, when storage holds corrupted JSON', async () => {
    expect(await rehydrateFrom('{not json')).toEqual(DEFAULT_UI_PREFS);
    // The unreadable entry is removed rather than left to fail again.
    expect(localStorage.getItem(UI_PREFS_KEY)).toBeNull();
  });

  it('ignores invalid values in a well-formed entry', async () => {
    const raw = JSON.stringify({ state: { theme: 7, textSize: 'huge' }, version: 1 });
    expect(await rehydrateFrom(raw)).toEqual(DEFAULT_UI_PREFS);
  });

  it('migrates an entry written by an older version', async () => {
    const raw = JSON.stringify({ state: { theme: 'light', textSize: 'large' }, version: 0 });
    expect(await rehydrateFrom(raw)).toEqual({ theme: 'light', textSize: 'large' });
  });
});
