import { useConfigStore } from '../store/config';
import { useStorageNotices } from '../store/storageNotices';
import { useAppUpdate } from './serviceWorker';

/**
 * The app's notices, each until dismissed: what was ignored, clamped or corrected when
 * the config was read (from the URL or an edit); stored data found damaged and reset
 * (storageNotices.ts); a new version of the app ready to start (serviceWorker.ts).
 */
export function NoticeBanner() {
  const notices = useConfigStore((state) => state.notices);
  const dismiss = useConfigStore((state) => state.dismissNotices);
  const storageNotices = useStorageNotices((state) => state.notices);
  const update = useAppUpdate((state) => state.state);
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
      {storageNotices.length > 0 && (
        <div className="notice-banner" data-notice="storage">
          <div>
            <p className="notice-title">Data stored in this browser was reset:</p>
            <ul className="notice-list">
              {storageNotices.map((notice) => (
                <li key={notice}>{notice}</li>
              ))}
            </ul>
          </div>
          <button
            type="button"
            className="button button--small"
            onClick={() => useStorageNotices.getState().dismiss()}
          >
            Dismiss
          </button>
        </div>
      )}
      {update !== 'none' && (
        <div className="notice-banner" data-notice="update">
          <p className="notice-title">
            {update === 'ready'
              ? 'A new version of Pipeline Lab is ready. It starts once every tab of the app is closed, or now:'
              : 'Pipeline Lab was updated in another tab. Reload this tab to use the new version.'}
          </p>
          <span className="notice-actions">
            <button
              type="button"
              className="button button--small"
              onClick={() => useAppUpdate.getState().apply()}
            >
              {update === 'ready' ? 'Update now (reloads)' : 'Reload'}
            </button>{' '}
            <button
              type="button"
              className="button button--small"
              onClick={() => useAppUpdate.getState().dismiss()}
            >
              Later
            </button>
          </span>
        </div>
      )}
    </div>
  );
}
