/**
 * Keeps the pipeline config (store) and the URL query in step, both ways.
 *
 * - The URL wins when it changed from outside: first load, back/forward, or a link
 *   that carries a query. It is parsed (notices for anything ignored or clamped) and
 *   then rewritten to its canonical form.
 * - The store wins when it changed (a slider), and after a link without a query:
 *   the config then stays as it was, and its query is written back to the URL.
 * All writes replace the history entry, so editing a knob does not flood "back".
 */
import { useEffect, useRef } from 'react';
import { useLocation, useNavigate, useNavigationType } from 'react-router-dom';
import { configToQuery, useConfigStore } from '../store/config';

const bare = (search: string) => (search.startsWith('?') ? search.slice(1) : search);

export function ConfigUrlSync() {
  const location = useLocation();
  const navigationType = useNavigationType();
  const navigate = useNavigate();
  const config = useConfigStore((state) => state.config);
  /** The last query seen from the URL and dealt with (parsed, or matching the store). */
  const handled = useRef<string | null>(null);

  useEffect(() => {
    const search = bare(location.search);
    const canonical = configToQuery(useConfigStore.getState().config);
    if (search === canonical) {
      handled.current = search;
      return;
    }
    // A URL not dealt with yet is parsed once; a query-less link keeps the store's config.
    const fromOutside = search !== handled.current && !(search === '' && navigationType === 'PUSH');
    let query = canonical;
    if (fromOutside) {
      handled.current = search;
      query = configToQuery(useConfigStore.getState().applyQuery(search));
    }
    if (query !== search) {
      navigate(
        { pathname: location.pathname, search: query ? `?${query}` : '', hash: location.hash },
        { replace: true },
      );
    }
  }, [config, location.pathname, location.search, location.hash, navigationType, navigate]);

  return null;
}
