/**
 * What was found wrong in this browser's stored data and reset (damaged JSON, another
 * version's or another app's shape, invalid values). Stores report here while they
 * load; the notice region (src/app/NoticeBanner.tsx) shows the list until dismissed.
 * The Simulator's kept runs report on that page instead, next to the runs (savedRuns.ts).
 */
import { create } from 'zustand';

interface StorageNoticesState {
  notices: string[];
  report(notice: string): void;
  dismiss(): void;
}

export const useStorageNotices = create<StorageNoticesState>()((set) => ({
  notices: [],
  report: (notice) =>
    set((state) =>
      state.notices.includes(notice) ? state : { notices: [...state.notices, notice] },
    ),
  dismiss: () => set({ notices: [] }),
}));
