/**
 * "Reset the app": deletes what Pipeline Lab stored in this browser (display settings,
 * kept runs: every key under APP_STORAGE_PREFIX) after a confirm step, then reloads the
 * page with the default settings (the pipeline settings live in the URL: dropped too).
 * The offline copy of the app (the service worker's cache) is kept: it holds no data
 * of the reader's, and deleting it would break offline use until the next visit.
 */
import { useEffect, useId, useRef, useState } from 'react';
import './ResetAppControl.css';

/** Every key this app writes to Web Storage starts with this. */
export const APP_STORAGE_PREFIX = 'pipeline-lab:';

/** Removes this app's keys (only those) from local and session storage; returns them. */
export function clearAppStorage(): string[] {
  const removed: string[] = [];
  for (const storage of [window.localStorage, window.sessionStorage]) {
    try {
      const keys = Array.from({ length: storage.length }, (_, i) => storage.key(i)).filter(
        (key): key is string => key !== null && key.startsWith(APP_STORAGE_PREFIX),
      );
      for (const key of keys) storage.removeItem(key);
      removed.push(...keys);
    } catch {
      // Storage blocked: there is nothing of ours in it.
    }
  }
  return removed;
}

/** Clears this app's storage and reloads the current page with the default settings. */
export function resetApp(): void {
  clearAppStorage();
  window.location.assign(window.location.pathname);
}

export function ResetAppControl({ onReset = resetApp }: { onReset?: () => void }) {
  const id = useId();
  const [confirming, setConfirming] = useState(false);
  const cancel = useRef<HTMLButtonElement>(null);
  const start = useRef<HTMLButtonElement>(null);
  const opened = useRef(false);
  useEffect(() => {
    // Focus follows the step; on the confirm step it goes to the harmless choice.
    if (confirming) cancel.current?.focus();
    else if (opened.current) start.current?.focus();
    opened.current = confirming;
  }, [confirming]);

  if (!confirming) {
    return (
      <div className="reset-app">
        <button
          ref={start}
          type="button"
          className="button button--small"
          onClick={() => setConfirming(true)}
        >
          Reset the app…
        </button>
      </div>
    );
  }
  return (
    <div className="reset-app" role="group" aria-labelledby={`${id}-question`}>
      <p id={`${id}-question`} className="reset-app-question">
        Delete your display settings and kept runs stored in this browser, and reload with the
        default settings?
      </p>
      <div className="reset-app-actions">
        <button type="button" className="button button--small reset-app-confirm" onClick={onReset}>
          Reset and reload
        </button>
        <button
          ref={cancel}
          type="button"
          className="button button--small"
          onClick={() => setConfirming(false)}
        >
          Cancel
        </button>
      </div>
    </div>
  );
}
