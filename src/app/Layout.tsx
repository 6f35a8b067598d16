/**
 * The frame of every page: skip link, header with the pipeline navigation, the
 * not-medical-advice notice, config notices, the page (lazy, behind Suspense), the
 * previous/next links and the footer. Also mounts the app-wide controllers:
 * theme attributes, URL ↔ config sync, keyboard page navigation, focus on navigation,
 * presentation mode (its keys and bar), the keyboard-shortcuts dialog, and keyboard
 * access to tables and formulas that scroll sideways.
 */
import { Suspense, type MouseEvent } from 'react';
import { Outlet } from 'react-router-dom';
import { RouteFocusProvider } from '../components/page/routeFocus';
import { ConfigUrlSync } from './ConfigUrlSync';
import { Disclaimer } from './Disclaimer';
import { Header } from './Header';
import { NoticeBanner } from './NoticeBanner';
import { PagerLinks } from './PagerLinks';
import { PresentationMode } from './PresentationMode';
import { ShortcutsDialog } from './ShortcutsDialog';
import { ThemeController } from './ThemeController';
import { useKeyboardPageNav } from './useKeyboardPageNav';
import { useScrollableBoxes } from './useScrollableBoxes';

function skipToMain(event: MouseEvent<HTMLAnchorElement>) {
  // Focus the main region directly: keeps "#main" out of the URL and the router.
  event.preventDefault();
  document.getElementById('main')?.focus();
}

export function Layout() {
  useKeyboardPageNav();
  useScrollableBoxes();
  return (
    <RouteFocusProvider>
      <ThemeController />
      <ConfigUrlSync />
      <a className="skip-link" href="#main" onClick={skipToMain}>
        Skip to content
      </a>
      <Header />
      <section className="site-notices" aria-label="Notices">
        <Disclaimer />
        <NoticeBanner />
      </section>
      <main id="main" tabIndex={-1} className="site-main">
        <Suspense
          fallback={
            <p className="page-loading" role="status">
              Loading page…
            </p>
          }
        >
          <Outlet />
        </Suspense>
        <PagerLinks />
      </main>
      <footer className="site-footer">
        <p>
          Keyboard: <kbd>[</kbd> previous page, <kbd>]</kbd> next page, <kbd>P</kbd> presentation
          mode, <kbd>?</kbd> all shortcuts. Every number on these pages is computed by a real model:
          the shipped default run, or one you train in this tab.
        </p>
      </footer>
      <PresentationMode />
      <ShortcutsDialog />
    </RouteFocusProvider>
  );
}
