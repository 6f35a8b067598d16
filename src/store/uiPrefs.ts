/**
 * Display preferences, persisted in localStorage.
 *
 * Stored state is versioned (`UI_PREFS_VERSION`); `migrate` and `merge` both pass it
 * through `sanitizePrefs`, so an old, hand-edited or corrupted entry can only ever
 * yield valid preferences (unknown values fall back to the defaults). Unreadable
 * JSON is removed. Storage that throws (private mode, quota) just stops persisting.
 */
import { create } from 'zustand';
import { persist, type PersistStorage, type StorageValue } from 'zustand/middleware';

export const THEMES = ['system', 'light', 'dark', 'high-contrast'] as const;
export type ThemePref = (typeof THEMES)[number];

/** Root font size: standard 18 px, large 20 px, extra large 22 px (see app/styles/base.css). */
export const TEXT_SIZES = ['standard', 'large', 'x-large'] as const;
export type TextSize = (typeof TEXT_SIZES)[number];

export interface UiPrefs {
  theme: ThemePref;
  textSize: TextSize;
}

export interface UiPrefsState extends UiPrefs {
  setTheme(theme: ThemePref): void;
  setTextSize(size: TextSize): void;
  resetPrefs(): void;
}

export const UI_PREFS_KEY = 'pipeline-lab:ui-prefs';
export const UI_PREFS_VERSION = 1;
export const DEFAULT_UI_PREFS: UiPrefs = { theme: 'system', textSize: 'standard' };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function oneOf<T extends string>(options: readonly T[], value: unknown, fallback: T): T {
  return options.includes(value as T) ? (value as T) : fallback;
}

/** Valid preferences from anything found in storage. */
export function sanitizePrefs(stored: unknown): UiPrefs {
  const record = isRecord(stored) ? stored : {};
  return {
    theme: oneOf(THEMES, record.theme, DEFAULT_UI_PREFS.theme),
    textSize: oneOf(TEXT_SIZES, record.textSize, DEFAULT_UI_PREFS.textSize),
  };
}

/**
 * Earlier versions' shapes, upgraded. Version 0 is anything written without a version
 * (or by a build that predates this store); sanitizing keeps whatever still fits.
 */
export function migratePrefs(stored: unknown, _fromVersion: number): UiPrefs {
  return sanitizePrefs(stored);
}

function withStorage<T>(use: (storage: Storage) => T, fallback: T): T {
  try {
    return typeof localStorage === 'undefined' ? fallback : use(localStorage);
  } catch {
    return fallback; // blocked or full storage: preferences simply don't persist
  }
}

const safeStorage: PersistStorage<UiPrefs> = {
  getItem(name): StorageValue<UiPrefs> | null {
    const raw = withStorage((s) => s.getItem(name), null);
    if (raw === null) return null;
    try {
      const parsed: unknown = JSON.parse(raw);
      if (isRecord(parsed) && isRecord(parsed.state)) {
        const version = typeof parsed.version === 'number' ? parsed.version : 0;
        return { state: parsed.state as unknown as UiPrefs, version };
      }
    } catch {
      // fall through: unreadable entry
    }
    withStorage((s) => s.removeItem(name), undefined);
    return null;
  },
  setItem(name, value) {
    withStorage((s) => s.setItem(name, JSON.stringify(value)), undefined);
  },
  removeItem(name) {
    withStorage((s) => s.removeItem(name), undefined);
  },
};

export const useUiPrefs = create<UiPrefsState>()(
  persist(
    (set) => ({
      ...DEFAULT_UI_PREFS,
      setTheme: (theme) => set({ theme }),
      setTextSize: (textSize) => set({ textSize }),
      resetPrefs: () => set(DEFAULT_UI_PREFS),
    }),
    {
      name: UI_PREFS_KEY,
      version: UI_PREFS_VERSION,
      storage: safeStorage,
      partialize: (state) => ({ theme: state.theme, textSize: state.textSize }),
      migrate: migratePrefs,
      // Same-version entries can still be hand-edited nonsense: sanitize them too.
      merge: (persisted, current) => ({ ...current, ...sanitizePrefs(persisted) }),
    },
  ),
);
