/** Previous / next page buttons for a long list, with "page 2 of 9". */
export function Pager({
  page,
  pageCount,
  onPage,
  label,
}: {
  /** 0-based */
  page: number;
  pageCount: number;
  onPage(page: number): void;
  /** What is paged, e.g. "Corpus documents". */
  label: string;
}) {
  if (pageCount <= 1) return null;
  return (
    // A group, not a <nav>: it pages a list; the site's navigation landmarks stay unique.
    <div className="list-pager" role="group" aria-label={`${label}: browse`}>
      <button
        type="button"
        className="button button--small"
        disabled={page <= 0}
        onClick={() => onPage(page - 1)}
      >
        <span aria-hidden="true">← </span>Previous
      </button>
      <span className="list-pager-position" aria-live="polite">
        Page {page + 1} of {pageCount}
      </span>
      <button
        type="button"
        className="button button--small"
        disabled={page >= pageCount - 1}
        onClick={() => onPage(page + 1)}
      >
        Next<span aria-hidden="true"> →</span>
      </button>
    </div>
  );
}
