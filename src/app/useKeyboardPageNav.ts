/**
 * Keyboard shortcuts between pages: "]" next page, "[" previous page (in PAGES order).
 * Not Alt+←/→, which browsers already use for back/forward. Ignored while typing in a
 * field and when Ctrl/Meta/Alt is held (except AltGr, which some layouts need for
 * brackets).
 */
import { useEffect } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { useConfigSearch } from '../store/config';
import { neighbours } from './pages';

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return (
    target.isContentEditable ||
    target instanceof HTMLInputElement ||
    target instanceof HTMLTextAreaElement ||
    target instanceof HTMLSelectElement
  );
}

export function useKeyboardPageNav(): void {
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const search = useConfigSearch();

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.key !== '[' && event.key !== ']') return;
      const altGraph = event.getModifierState?.('AltGraph') ?? false;
      if (event.defaultPrevented || event.repeat || isTyping(event.target)) return;
      if (!altGraph && (event.ctrlKey || event.metaKey || event.altKey)) return;
      const { previous, next } = neighbours(pathname);
      const target = event.key === ']' ? next : previous;
      if (!target) return;
      event.preventDefault();
      navigate({ pathname: target.path, search });
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [pathname, navigate, search]);
}
