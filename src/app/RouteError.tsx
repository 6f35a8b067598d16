import { isRouteErrorResponse, useLocation, useNavigate, useRouteError } from 'react-router-dom';
import { PageHeading } from '../components/page/PageHeading';
import { AppLink } from '../components/nav/AppLink';

/** A page's code could not be fetched (offline without the cache, or an old deploy's file). */
export function isChunkLoadError(error: unknown): boolean {
  const message = error instanceof Error ? error.message : String(error);
  return /dynamically imported module|Importing a module script failed|Unable to preload CSS/i.test(
    message,
  );
}

/**
 * Shown inside the layout when a page fails to load or render: the header, navigation
 * and notices keep working, and "Try again" renders the page afresh. (A page whose
 * code could not be fetched is retried by reloading: the browser keeps a failed
 * import's result for the rest of the visit.)
 */
export function RouteError() {
  const error = useRouteError();
  const location = useLocation();
  const navigate = useNavigate();
  const detail = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : error instanceof Error
      ? error.message
      : String(error);
  const tryAgain = () => {
    if (isChunkLoadError(error)) window.location.reload();
    // A new location (same address) resets the router's error boundary: the page renders again.
    else void navigate(location, { replace: true, state: location.state });
  };
  return (
    <article className="page">
      <PageHeading>Something went wrong</PageHeading>
      <p className="lede">
        This page could not be shown. The rest of Pipeline Lab still works: try again, or pick
        another page.
      </p>
      <p className="error-detail">{detail}</p>
      <p>
        <button type="button" className="button button--primary" onClick={tryAgain}>
          Try again
        </button>{' '}
        <AppLink to="/">Go to the home page</AppLink>
      </p>
    </article>
  );
}
