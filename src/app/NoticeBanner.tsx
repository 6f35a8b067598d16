import { useConfigStore } from '../store/config';

/** What was ignored, clamped or corrected when the config was read (from the URL or an edit). */
export function NoticeBanner() {
  const notices = useConfigStore((state) => state.notices);
  const dismiss = useConfigStore((state) => state.dismissNotices);
  return (
    // The live region stays mounted so screen readers announce notices when they appear.
    <div className="notice-region" role="status" aria-live="polite">
      {notices.length > 0 && (
        <div className="notice-banner">
          <div>
            <p className="notice-title">Some settings in the link were adjusted:</p>
            <ul className="notice-list">
              {notices.map((notice) => (
                <li key={notice}>{notice}</li>
              ))}
            </ul>
          </div>
          <button type="button" className="button button--small" onClick={dismiss}>
            Dismiss
          </button>
        </div>
      )}
    </div>
  );
}
