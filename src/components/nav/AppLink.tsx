/**
 * Internal links that carry the current pipeline config in the query, so moving
 * between pages keeps the run the reader configured (and the URL stays shareable).
 * Use these instead of react-router's Link/NavLink for links between pages.
 */
import type { ReactNode } from 'react';
import { Link, NavLink, type LinkProps, type NavLinkProps } from 'react-router-dom';
import { useConfigSearch } from '../../store/config';

type AppLinkProps = Omit<LinkProps, 'to'> & { to: string; children: ReactNode };

export function AppLink({ to, ...rest }: AppLinkProps) {
  const search = useConfigSearch();
  const [pathname, hash] = to.split('#');
  return <Link to={{ pathname, search, hash: hash ? `#${hash}` : '' }} {...rest} />;
}

type AppNavLinkProps = Omit<NavLinkProps, 'to'> & { to: string };

/** A NavLink (sets aria-current="page" on the current page) that keeps the config query. */
export function AppNavLink({ to, ...rest }: AppNavLinkProps) {
  const search = useConfigSearch();
  return <NavLink to={{ pathname: to, search }} end {...rest} />;
}
