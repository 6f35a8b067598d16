import { usePresentation } from '../store/presentation';

/** The header's presentation toggle (also the P key) and the shortcuts button (also "?"). */
export function HeaderTools() {
  const presenting = usePresentation((state) => state.presenting);
  const togglePresenting = usePresentation((state) => state.togglePresenting);
  const setShortcutsOpen = usePresentation((state) => state.setShortcutsOpen);
  return (
    <>
      <button
        type="button"
        className="header-button"
        aria-pressed={presenting}
        aria-keyshortcuts="P"
        data-present-toggle=""
        onClick={togglePresenting}
      >
        Present <kbd aria-hidden="true">P</kbd>
      </button>
      <button
        type="button"
        className="header-button"
        aria-haspopup="dialog"
        // The visible "Shortcuts" is in the name (WCAG 2.5.3, label in name).
        aria-label="Keyboard shortcuts"
        onClick={() => setShortcutsOpen(true)}
      >
        Shortcuts <kbd aria-hidden="true">?</kbd>
      </button>
    </>
  );
}
