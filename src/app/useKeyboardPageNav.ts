/**
 * Keyboard shortcuts between pages: "]" next page, "[" previous page (in PAGES order).
 * Not Alt+←/→, which browsers already use for back/forward. Ignored while typing in a
 * field, inside a dialog, and when Ctrl/Meta/Alt is held (except AltGr, which some
 * layouts need for brackets): see allowsPageKeys in keyboard.ts.
 */
import { useEffect } from 'react';
import { useLocation, useNavigate } from 'react-router-dom';
import { useConfigSearch } from '../store/config';
import { allowsPageKeys } from './keyboard';
import { neighbours } from './pages';

export function useKeyboardPageNav(): void {
  const { pathname } = useLocation();
  const navigate = useNavigate();
  const search = useConfigSearch();

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent) {
      if (event.key !== '[' && event.key !== ']') return;
      if (!allowsPageKeys(event)) return;
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
