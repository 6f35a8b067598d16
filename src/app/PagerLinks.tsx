import { useLocation } from 'react-router-dom';
import { AppLink } from '../components/nav/AppLink';
import { linkLabel, neighbours } from './pages';

/** "Previous" and "Next" at the end of every page, in reading order; also the "[" / "]" keys. */
export function PagerLinks() {
  const { pathname } = useLocation();
  const { previous, next } = neighbours(pathname);
  return (
    <nav className="pager" aria-label="Previous and next page">
      {previous ? (
        <AppLink to={previous.path} className="pager-link pager-link--previous" rel="prev">
          <span className="pager-direction">
            <span aria-hidden="true">← </span>Previous <kbd aria-hidden="true">[</kbd>
          </span>
          <span className="pager-title">{linkLabel(previous)}</span>
        </AppLink>
      ) : (
        <span />
      )}
      {next && (
        <AppLink to={next.path} className="pager-link pager-link--next" rel="next">
          <span className="pager-direction">
            Next <kbd aria-hidden="true">]</kbd>
            <span aria-hidden="true"> →</span>
          </span>
          <span className="pager-title">{linkLabel(next)}</span>
        </AppLink>
      )}
    </nav>
  );
}
