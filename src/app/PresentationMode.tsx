/**
 * Presentation mode: the app-wide shortcut keys (P, ?, and in presentation mode the
 * arrows, Page Up/Down and Escape), the `data-presenting` attribute on <html> that the
 * CSS keys on (app/styles/presentation.css), and the slim bar at the foot of the
 * screen that replaces the header and footer while presenting.
 *
 * Design decisions:
 * - Hidden chrome, not removed: header and footer stay mounted (display: none), so
 *   leaving presentation mode restores them exactly as they were.
 * - The bar keeps what must stay on every screen: the not-medical-advice notice, the
 *   position ("Section 2 of 7"), back/next buttons for a mouse or a touch screen, and
 *   "Exit presentation (P)".
 * - Steps scroll instantly, like slides: no motion for anyone, and a quick second key
 *   press measures where the first one landed, not a position half-way there.
 * - Entering or leaving keeps the section being read on screen: the type size
 *   changes, so the page is re-anchored to that section's top. Plotly only resizes on
 *   a window resize, so one is dispatched once the layout has changed.
 * - Focus follows the step: the stop's heading takes focus (without scrolling) and a
 *   polite live region says "Section k of n: title".
 */
import { useCallback, useContext, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { RouteFocusContext } from '../components/page/routeFocus';
import { useConfigSearch } from '../store/config';
import { usePresentation } from '../store/presentation';
import { DISCLAIMER } from './Disclaimer';
import { shortcutFor } from './keyboard';
import { neighbours, PAGES } from './pages';
import {
  currentStop,
  measureStops,
  pageSections,
  planStep,
  stopHeading,
  stopLabel,
  usableViewBottom,
} from './presentationSteps';

const INSTANT: ScrollBehavior = 'instant';

/** Elements hidden while presenting: focus inside them must move out on entering. */
const HIDDEN_CHROME = '.site-header, .site-footer, .pager';

/** Calls `ready` once the page at `path` has rendered and taken its route focus (8 s at most). */
function whenPageReady(
  path: string,
  routeFocusPending: { current: boolean } | null,
  ready: () => void,
): () => void {
  const title = PAGES.find((page) => page.path === path)?.title;
  const deadline = performance.now() + 8000;
  let frame = 0;
  const check = () => {
    const heading = document.querySelector('article.page h1');
    const rendered = heading !== null && (title === undefined || heading.textContent === title);
    // Past the deadline (a chunk that never loads), go on with whatever is there.
    if ((rendered && !routeFocusPending?.current) || performance.now() > deadline) ready();
    else frame = requestAnimationFrame(check);
  };
  frame = requestAnimationFrame(check);
  return () => cancelAnimationFrame(frame);
}

function focusHeading(heading: HTMLElement | null): void {
  if (!heading) return;
  if (!heading.hasAttribute('tabindex')) heading.tabIndex = -1;
  heading.focus({ preventScroll: true });
}

export function PresentationMode() {
  const presenting = usePresentation((state) => state.presenting);
  const { pathname, hash } = useLocation();
  const navigate = useNavigate();
  const search = useConfigSearch();
  const routeFocus = useContext(RouteFocusContext);
  /** The stop last stepped to (0 = page top, k = section k). */
  const remembered = useRef<number | null>(null);
  /** Where to land on the page being navigated to by a step past the first/last stop. */
  const arrival = useRef<'top' | 'last'>('top');
  /** A step crossed to another page that has not rendered yet: further steps wait. */
  const arriving = useRef(false);
  const [position, setPosition] = useState('');
  const [announcement, setAnnouncement] = useState('');

  const announce = useCallback((message: string) => {
    // A new string each time, so a repeated message is announced again.
    setAnnouncement((before) => (before === message ? `${message}\u00a0` : message));
  }, []);

  const goToStop = useCallback(
    (stop: number, at: 'start' | 'end' = 'start') => {
      const section = stop === 0 ? undefined : pageSections()[stop - 1];
      if (stop === 0) window.scrollTo({ top: 0, behavior: INSTANT });
      else section?.scrollIntoView({ block: 'start', behavior: INSTANT });
      if (at === 'end') {
        // Stepping back: the stop's last screen, as it was left (its end above the bar).
        const end =
          measureStops(stop).stops[stop]?.bottom ?? section?.getBoundingClientRect().bottom;
        const hidden = (end ?? 0) - usableViewBottom();
        if (hidden > 0) window.scrollBy({ top: hidden, behavior: INSTANT });
      }
      focusHeading(stopHeading(stop));
      remembered.current = stop;
      const label = stopLabel(stop);
      setPosition(label);
      announce(label);
    },
    [announce],
  );

  const step = useCallback(
    (direction: 'next' | 'previous') => {
      if (arriving.current) return;
      const plan = planStep(direction, measureStops(remembered.current, true));
      if (plan.kind === 'scroll') {
        window.scrollBy({ top: plan.by, behavior: INSTANT });
        remembered.current = plan.stop;
      } else if (plan.kind === 'stop') {
        goToStop(plan.stop, plan.at);
      } else if (plan.kind === 'page') {
        const { previous, next } = neighbours(pathname);
        const target = direction === 'next' ? next : previous;
        if (!target) {
          announce(direction === 'next' ? 'End of the last page.' : 'Start of the first page.');
          return;
        }
        arrival.current = direction === 'next' ? 'top' : 'last';
        arriving.current = true;
        navigate({ pathname: target.path, search });
      }
    },
    [announce, goToStop, navigate, pathname, search],
  );

  // The keys. One listener for the app's single-key shortcuts ("[" and "]" live in
  // useKeyboardPageNav, the dialog's own keys in the dialog).
  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      const state = usePresentation.getState();
      const action = shortcutFor(event, state.presenting);
      if (!action) return;
      event.preventDefault();
      if (event.repeat && action !== 'next-section' && action !== 'previous-section') return;
      switch (action) {
        case 'toggle-presentation':
          state.togglePresenting();
          break;
        case 'exit-presentation':
          state.setPresenting(false);
          break;
        case 'open-shortcuts':
          state.setShortcutsOpen(true);
          break;
        case 'next-section':
          step('next');
          break;
        case 'previous-section':
          step('previous');
          break;
      }
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [step]);

  // Entering and leaving: flip the attribute, keep the current stop on screen, move
  // focus out of what is about to be hidden (or back to the toggle), resize charts.
  const first = useRef(true);
  useLayoutEffect(() => {
    const root = document.documentElement;
    const wasPresenting = root.dataset.presenting !== undefined;
    if (wasPresenting === presenting) {
      first.current = false;
      return;
    }
    const atTop = window.scrollY <= 1;
    const stop = atTop ? 0 : currentStop(measureStops(remembered.current));
    if (presenting) root.dataset.presenting = '';
    else delete root.dataset.presenting;
    // Re-anchor after the type size changed (not on a start-up with ?present=1).
    if (!first.current) {
      if (stop === 0) window.scrollTo({ top: 0, behavior: INSTANT });
      else pageSections()[stop - 1]?.scrollIntoView({ block: 'start', behavior: INSTANT });
    }
    first.current = false;
    remembered.current = stop;
    const active = document.activeElement;
    if (presenting) {
      if (!active || active === document.body || active.closest(HIDDEN_CHROME)) {
        focusHeading(stopHeading(stop));
      }
      setPosition(stopLabel(stop));
    } else if (!active || active === document.body) {
      // Left with the bar's own button: focus returns to the header's toggle.
      document.querySelector<HTMLElement>('[data-present-toggle]')?.focus({ preventScroll: true });
    }
    window.dispatchEvent(new Event('resize'));
  }, [presenting]);

  // Say where we are once the bar's live region exists and the page has rendered
  // (with ?present=1 the page's chunk may still be loading).
  useEffect(() => {
    if (!presenting) return;
    let cancelWait = () => {};
    const timer = window.setTimeout(() => {
      cancelWait = whenPageReady(window.location.pathname, null, () => {
        const label = stopLabel(remembered.current ?? 0);
        setPosition(label);
        announce(`Presentation mode. ${label}`);
      });
    }, 150);
    return () => {
      window.clearTimeout(timer);
      cancelWait();
    };
  }, [presenting, announce]);

  // After a page change while presenting: land on the page's top (or, stepping back,
  // on its last section) once it has rendered and taken its route focus.
  const lastPath = useRef(pathname);
  useEffect(() => {
    if (lastPath.current === pathname) return;
    lastPath.current = pathname;
    const landing = arrival.current;
    arrival.current = 'top';
    remembered.current = null;
    if (!presenting) return;
    // Steps wait for the new page (however it was reached: a step, "[" / "]", a link).
    arriving.current = true;
    const cancel = whenPageReady(pathname, routeFocus, () => {
      arriving.current = false;
      if (landing === 'last') {
        goToStop(pageSections().length, 'end');
      } else if (!hash) {
        window.scrollTo({ top: 0, behavior: INSTANT });
        remembered.current = 0;
        const label = stopLabel(0);
        setPosition(label);
        announce(label);
      }
    });
    return () => {
      cancel();
      arriving.current = false;
    };
  }, [pathname, hash, presenting, routeFocus, goToStop, announce]);

  // The visible position follows scrolling by other means (wheel, touch, scroll bar).
  useEffect(() => {
    if (!presenting) return;
    let frame = 0;
    const onScroll = () => {
      cancelAnimationFrame(frame);
      frame = requestAnimationFrame(() => {
        const stop = currentStop(measureStops(remembered.current));
        setPosition(stopLabel(stop));
      });
    };
    window.addEventListener('scroll', onScroll, { passive: true });
    return () => {
      window.removeEventListener('scroll', onScroll);
      cancelAnimationFrame(frame);
    };
  }, [presenting]);

  if (!presenting) return null;
  return (
    <aside className="presentation-bar" aria-label="Presentation">
      <p className="presentation-disclaimer" role="note">
        <span className="disclaimer-mark" aria-hidden="true">
          !
        </span>
        <strong>{DISCLAIMER}</strong>
      </p>
      <p className="presentation-position" aria-hidden="true">
        {position}
      </p>
      <p className="visually-hidden" role="status" aria-live="polite">
        {announcement}
      </p>
      <div className="presentation-controls">
        <button
          type="button"
          className="presentation-button"
          aria-label="Back"
          aria-keyshortcuts="ArrowLeft"
          onClick={() => step('previous')}
        >
          <span aria-hidden="true">←</span>
        </button>
        <button
          type="button"
          className="presentation-button"
          aria-label="Next"
          aria-keyshortcuts="ArrowRight"
          onClick={() => step('next')}
        >
          <span aria-hidden="true">→</span>
        </button>
        <button
          type="button"
          className="presentation-button presentation-exit"
          aria-keyshortcuts="P Escape"
          onClick={() => usePresentation.getState().setPresenting(false)}
        >
          Exit presentation <kbd aria-hidden="true">P</kbd>
        </button>
      </div>
    </aside>
  );
}
