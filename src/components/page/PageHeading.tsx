import { useContext, useEffect, useRef } from 'react';
import { useLocation } from 'react-router-dom';
import { APP_NAME } from '../../app/pages';
import { RouteFocusContext } from './routeFocus';

/**
 * A page's h1. Sets the document title, and takes focus after an in-app navigation
 * so keyboard and screen-reader users start reading at the new page.
 */
export function PageHeading({ children, kicker }: { children: string; kicker?: string }) {
  const pending = useContext(RouteFocusContext);
  const ref = useRef<HTMLHeadingElement>(null);
  const { pathname } = useLocation();

  useEffect(() => {
    document.title = children === APP_NAME ? APP_NAME : `${children} · ${APP_NAME}`;
  }, [children]);

  useEffect(() => {
    if (pending?.current) {
      pending.current = false;
      ref.current?.focus();
    }
  }, [pending, pathname]);

  return (
    <header className="page-heading">
      {kicker && <p className="page-kicker">{kicker}</p>}
      <h1 ref={ref} tabIndex={-1} className="page-title">
        {children}
      </h1>
    </header>
  );
}
