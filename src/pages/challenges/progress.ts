/** The progress line of a running study (pure). */

export interface StudyProgress {
  done: number;
  total: number;
  note: string;
}

/** Seconds left at the pace so far; null before the first step is done or after the last. */
export function secondsLeft(progress: StudyProgress | null, elapsed: number | null): number | null {
  if (!progress || elapsed === null || elapsed <= 0) return null;
  const { done, total } = progress;
  if (!(done > 0 && total > done)) return null;
  return Math.round((elapsed * (total - done)) / done);
}

/**
 * "Step 3 of 32: PPO at β = 0, iteration 3 · 4 s so far, about 39 s left", or
 * "Starting…" before the Worker's first report.
 */
export function progressText(progress: StudyProgress | null, elapsed: number | null): string {
  const time =
    elapsed === null
      ? ''
      : ` · ${elapsed} s so far${
          secondsLeft(progress, elapsed) === null
            ? ''
            : `, about ${secondsLeft(progress, elapsed)} s left`
        }`;
  if (!progress) return `Starting…${time}`;
  return `Step ${progress.done} of ${progress.total}: ${progress.note}${time}`;
}
