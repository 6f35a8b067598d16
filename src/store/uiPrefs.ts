/**
 * Display preferences, persisted in localStorage.
 *
 * Stored state is versioned (`UI_PREFS_VERSION`) and read by `readStoredPrefs`: an
 * older version is migrated, and anything else found in storage — unreadable JSON,
 * another shape, a newer version's entry, invalid values — is reset to the defaults,
 * repaired in storage and reported (useStorageNotices; the notice region shows it).
 * `merge` sanitizes once more, so nothing invalid ever reaches the page. Storage that
 * throws (private mode, quota) just stops persisting.
 */
import { create } from 'zustand';
import { persist, type PersistStorage, type StorageValue } from 'zustand/middleware';
import { useStorageNotices } from './storageNotices';

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

export const PREFS_UNREADABLE_NOTICE =
  'Your display settings stored in this browser could not be read (the data was damaged), so they were reset to the defaults.';
export const PREFS_FOREIGN_NOTICE =
  'Your display settings stored in this browser were not in a form Pipeline Lab can read, so they were reset to the defaults.';
export const PREFS_NEWER_NOTICE =
  'Your display settings were saved by a newer version of Pipeline Lab, which this version cannot read, so they were reset to the defaults.';

/** Names of the preferences in notices. */
const PREF_LABELS: Record<string, string> = { theme: 'theme', textSize: 'text size' };

export interface StoredPrefs {
  /** What to use: null for the defaults. */
  value: StorageValue<UiPrefs> | null;
  /** What was reset, for the reader; null when nothing was. */
  notice: string | null;
  /** How to repair storage: rewrite `value`, remove the entry, or leave it. */
  repair: 'rewrite' | 'remove' | null;
}

/** Reads a stored entry (the raw localStorage string). Never throws. */
export function readStoredPrefs(raw: string | null): StoredPrefs {
  if (raw === null) return { value: null, notice: null, repair: null };
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    return { value: null, notice: PREFS_UNREADABLE_NOTICE, repair: 'remove' };
  }
  // The envelope zustand writes: { state, version }. No version: written before versions (0).
  if (!isRecord(parsed) || !isRecord(parsed.state)) {
    return { value: null, notice: PREFS_FOREIGN_NOTICE, repair: 'remove' };
  }
  const version = parsed.version === undefined ? 0 : parsed.version;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    return { value: null, notice: PREFS_FOREIGN_NOTICE, repair: 'remove' };
  }
  if (version > UI_PREFS_VERSION) {
    return { value: null, notice: PREFS_NEWER_NOTICE, repair: 'remove' };
  }
  const stored = parsed.state;
  const prefs = version < UI_PREFS_VERSION ? migratePrefs(stored, version) : sanitizePrefs(stored);
  // A value that did not survive is reported. (Today's migration keeps what fits; one
  // that renames values must compare against what it renamed.)
  const invalid = (Object.keys(DEFAULT_UI_PREFS) as (keyof UiPrefs)[]).filter(
    (key) => stored[key] !== undefined && stored[key] !== prefs[key],
  );
  const notice =
    invalid.length > 0
      ? `Some display settings stored in this browser were not valid and were reset to the defaults: ${invalid.map((key) => PREF_LABELS[key] ?? key).join(', ')}.`
      : null;
  return {
    value: { state: prefs, version: UI_PREFS_VERSION },
    notice,
    repair: notice || version < UI_PREFS_VERSION ? 'rewrite' : null,
  };
}

const safeStorage: PersistStorage<UiPrefs> = {
  getItem(name): StorageValue<UiPrefs> | null {
    const read = readStoredPrefs(withStorage((s) => s.getItem(name), null));
    if (read.repair === 'remove') withStorage((s) => s.removeItem(name), undefined);
    if (read.repair === 'rewrite' && read.value) {
      const repaired = JSON.stringify(read.value);
      withStorage((s) => s.setItem(name, repaired), undefined);
    }
    if (read.notice) useStorageNotices.getState().report(read.notice);
    return read.value;
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
