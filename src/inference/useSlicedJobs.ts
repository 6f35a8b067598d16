/**
 * Runs main-thread jobs (generations, forward passes) in slices of a few
 * milliseconds, one macrotask per slice, so the page never holds the main thread
 * for long (DESIGN: no task over 50 ms). Results appear as each job finishes.
 */
import { useEffect, useState } from 'react';
import type { Steps } from './steps';

/** Work per task before yielding to the browser. */
export const SLICE_BUDGET_MS = 8;

export type Job<T> = () => Steps<T>;

export interface SlicedResults<T> {
  /** One entry per job: its result, or undefined while it is pending. */
  results: (T | undefined)[];
  done: boolean;
  /** The first job that threw, with its message; the others still run. */
  error: string | null;
}

const EMPTY: never[] = [];

/**
 * `jobs` must be memoised by the caller: a new array cancels the running jobs and
 * starts again (e.g. a new checkpoint, another context).
 */
export function useSlicedJobs<T>(jobs: readonly Job<T>[] | null): SlicedResults<T> {
  const [state, setState] = useState<{ jobs: readonly Job<T>[] | null } & SlicedResults<T>>({
    jobs: null,
    results: EMPTY,
    done: true,
    error: null,
  });

  useEffect(() => {
    if (!jobs || jobs.length === 0) return;
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | null = null;
    const results: (T | undefined)[] = jobs.map(() => undefined);
    let error: string | null = null;
    let index = 0;
    let current: Steps<T> | null = null;

    const slice = () => {
      timer = null;
      if (cancelled) return;
      const start = performance.now();
      let finishedOne = false;
      while (index < jobs.length && performance.now() - start < SLICE_BUDGET_MS) {
        try {
          current ??= jobs[index]();
          const step = current.next();
          if (!step.done) continue;
          results[index] = step.value;
        } catch (e) {
          error ??= e instanceof Error ? e.message : String(e);
        }
        current = null;
        index += 1;
        finishedOne = true;
      }
      const done = index >= jobs.length;
      if (finishedOne || done) setState({ jobs, results: results.slice(), done, error });
      if (!done) timer = setTimeout(slice, 0);
    };
    timer = setTimeout(slice, 0);
    return () => {
      cancelled = true;
      if (timer !== null) clearTimeout(timer);
    };
  }, [jobs]);

  // Results of earlier jobs are never shown against new ones.
  if (!jobs || jobs.length === 0) return { results: EMPTY, done: true, error: null };
  if (state.jobs !== jobs) return { results: jobs.map(() => undefined), done: false, error: null };
  return state;
}
