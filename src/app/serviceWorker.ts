/**
 * Registers the service worker (src/sw/serviceWorker.ts, built as /sw.js) and follows
 * updates. Production builds only: `vite dev` has no sw.js, and vitest/jsdom has no
 * navigator.serviceWorker.
 *
 * Update flow (no surprise reloads mid-lecture): a new build installs in the
 * background and waits; the notice region (NoticeBanner) then offers "Update now",
 * which activates it and reloads this tab once. Otherwise it takes over when every
 * tab of the app has been closed. A tab left on the old build after another tab
 * updated is told so and offered a reload.
 */
import { create } from 'zustand';

export type UpdateState =
  /** Nothing to say: no update, or no service worker. */
  | 'none'
  /** A new build is installed and waiting. */
  | 'ready'
  /** Another tab activated a new build; this one still runs the old one. */
  | 'elsewhere';

interface AppUpdateState {
  state: UpdateState;
  /** Activates the waiting build and reloads this tab. */
  apply(): void;
  dismiss(): void;
}

let waiting: ServiceWorker | null = null;
let reloadOnTakeover = false;

export const useAppUpdate = create<AppUpdateState>()((set, get) => ({
  state: 'none',
  apply() {
    if (get().state !== 'ready' || !waiting) {
      window.location.reload();
      return;
    }
    reloadOnTakeover = true;
    waiting.postMessage({ type: 'SKIP_WAITING' });
  },
  dismiss() {
    set({ state: 'none' });
  },
}));

function updateReady(worker: ServiceWorker): void {
  waiting = worker;
  useAppUpdate.setState({ state: 'ready' });
}

function watch(registration: ServiceWorkerRegistration): void {
  const container = navigator.serviceWorker;
  // Installed during an earlier visit, still waiting for the old tabs to close.
  if (registration.waiting && container.controller) updateReady(registration.waiting);
  registration.addEventListener('updatefound', () => {
    const installing = registration.installing;
    installing?.addEventListener('statechange', () => {
      // With no controller this is the first install: nothing to update, offline is ready.
      if (installing.state === 'installed' && container.controller) updateReady(installing);
    });
  });
  let hadController = container.controller !== null;
  container.addEventListener('controllerchange', () => {
    if (reloadOnTakeover) window.location.reload();
    else if (hadController) useAppUpdate.setState({ state: 'elsewhere' });
    hadController = true; // the first install claiming this tab is not an update
  });
}

/** Registers /sw.js once the page has loaded, so it never competes with the first render. */
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || typeof navigator === 'undefined' || !navigator.serviceWorker) {
    return;
  }
  const base = import.meta.env.BASE_URL;
  const register = () => {
    navigator.serviceWorker
      .register(`${base}sw.js`, { scope: base })
      .then(watch)
      // Unsupported or refused (private mode, a file:// page): the app works online as before.
      .catch(() => undefined);
  };
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}
