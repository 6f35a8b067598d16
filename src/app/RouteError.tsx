import { isRouteErrorResponse, useRouteError } from 'react-router-dom';
import { PageHeading } from '../components/page/PageHeading';
import { AppLink } from '../components/nav/AppLink';

/** Shown inside the layout when a page fails to load or render; the rest of the app keeps working. */
export function RouteError() {
  const error = useRouteError();
  const detail = isRouteErrorResponse(error)
    ? `${error.status} ${error.statusText}`
    : error instanceof Error
      ? error.message
      : String(error);
  return (
    <article className="page">
      <PageHeading>Something went wrong</PageHeading>
      <p className="lede">This page could not be shown. Reloading usually fixes it.</p>
      <p className="error-detail">{detail}</p>
      <p>
        <AppLink to="/">Go to the home page</AppLink>
      </p>
    </article>
  );
}
