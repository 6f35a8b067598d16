import { useLocation } from 'react-router-dom';
import { AppLink } from '../../components/nav/AppLink';
import { PageHeading } from '../../components/page/PageHeading';
import { linkLabel, PAGES } from '../../app/pages';

export default function NotFoundPage() {
  const { pathname } = useLocation();
  return (
    <article className="page">
      <PageHeading kicker="Error 404">Page not found</PageHeading>
      <p className="lede">
        There is no page at <code>{pathname}</code>. These are the pages of Pipeline Lab:
      </p>
      <ul className="page-index">
        {PAGES.map((page) => (
          <li key={page.id}>
            <AppLink to={page.path}>{linkLabel(page)}</AppLink>
          </li>
        ))}
      </ul>
    </article>
  );
}
