import { AppNavLink } from '../components/nav/AppLink';
import { PAGES } from './pages';

const stages = PAGES.filter((p) => p.kind === 'stage');
const more = PAGES.filter((p) => p.kind === 'more');

/**
 * The main navigation: the four training stages as a numbered pipeline
 * (1 → 2 → 3 → 4), then the pages about the whole pipeline. NavLink marks the
 * current page with aria-current="page", which the CSS also shows visibly.
 */
export function PipelineNav() {
  return (
    <nav className="site-nav" aria-label="Pages">
      <ol className="nav-pipeline" aria-label="Training pipeline">
        {stages.map((page) => (
          <li key={page.id}>
            <AppNavLink to={page.path} className="nav-link nav-link--stage">
              <span className="stage-number" aria-hidden="true">
                {page.stageNumber}
              </span>
              <span className="visually-hidden">Stage {page.stageNumber}: </span>
              {page.navLabel}
            </AppNavLink>
          </li>
        ))}
      </ol>
      <ul className="nav-more" aria-label="Across the pipeline">
        {more.map((page) => (
          <li key={page.id}>
            <AppNavLink to={page.path} className="nav-link">
              {page.navLabel}
            </AppNavLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
