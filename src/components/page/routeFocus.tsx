/**
 * Moves keyboard and screen-reader focus to the new page's h1 after an in-app
 * navigation (not on the first load, where the browser's default is right).
 *
 * The provider marks a focus as pending in a layout effect when the pathname changes;
 * layout effects run before any passive effect, so the new page's PageHeading (a
 * passive effect, possibly much later if its chunk was still loading) finds the mark.
 */
import { createContext, useLayoutEffect, useRef, type ReactNode, type RefObject } from 'react';
import { useLocation } from 'react-router-dom';

export const RouteFocusContext = createContext<RefObject<boolean> | null>(null);

export function RouteFocusProvider({ children }: { children: ReactNode }) {
  const { pathname } = useLocation();
  const pending = useRef(false);
  const previousPath = useRef(pathname);
  useLayoutEffect(() => {
    if (previousPath.current !== pathname) {
      previousPath.current = pathname;
      pending.current = true;
    }
  }, [pathname]);
  return <RouteFocusContext.Provider value={pending}>{children}</RouteFocusContext.Provider>;
}
