import { useRouteError } from 'react-router-dom';

/**
 * The last resort, when the layout itself fails: a plain page (no header, which may be
 * what failed) with the error and a reload, never a blank screen.
 */
export function AppError() {
  const error = useRouteError();
  const detail = error instanceof Error ? error.message : String(error);
  return (
    <main className="site-main">
      <article className="page">
        <h1>Pipeline Lab could not start</h1>
        <p className="lede">
          Something went wrong while showing the app. Reloading usually fixes it.
        </p>
        <p className="error-detail">{detail}</p>
        <p>
          <button
            type="button"
            className="button button--primary"
            onClick={() => window.location.reload()}
          >
            Reload
          </button>{' '}
          <a href={import.meta.env.BASE_URL}>Go to the home page</a>
        </p>
      </article>
    </main>
  );
}
