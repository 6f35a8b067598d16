/**
 * The "?" overlay: every keyboard shortcut (shortcuts.ts), in a native modal <dialog>.
 *
 * Design decisions:
 * - `showModal()` gives the focus trap, the inert page behind, the backdrop and Escape
 *   for free. The dialog sits outside the header, so it also opens in presentation
 *   mode, where the header is hidden.
 * - Focus starts on "Close" (first in the dialog) and returns to whatever opened it
 *   (the header button, or the element focused when "?" was pressed).
 * - A click on the backdrop closes it too (the click lands on the <dialog> itself,
 *   outside its padded content box).
 * - Where `showModal` is missing (jsdom) it falls back to the `open` attribute.
 */
import { useEffect, useId, useRef, type MouseEvent } from 'react';
import { usePresentation } from '../store/presentation';
import { SHORTCUT_GROUPS, type Shortcut } from './shortcuts';

function Keys({ shortcut }: { shortcut: Shortcut }) {
  return (
    <>
      {shortcut.keys.map((key, index) => {
        const name = shortcut.names?.[index];
        return (
          <span key={key}>
            {index > 0 && ' or '}
            <kbd>
              {name && name !== key ? (
                <>
                  <span aria-hidden="true">{key}</span>
                  <span className="visually-hidden">{name}</span>
                </>
              ) : (
                key
              )}
            </kbd>
          </span>
        );
      })}
    </>
  );
}

export function ShortcutsDialog() {
  const id = useId();
  const open = usePresentation((state) => state.shortcutsOpen);
  const setOpen = usePresentation((state) => state.setShortcutsOpen);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const closeRef = useRef<HTMLButtonElement>(null);
  const opener = useRef<HTMLElement | null>(null);

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      const active = document.activeElement;
      opener.current = active instanceof HTMLElement && active !== document.body ? active : null;
      if (typeof dialog.showModal === 'function') dialog.showModal();
      else dialog.setAttribute('open', '');
      closeRef.current?.focus();
    } else if (!open && dialog.open) {
      if (typeof dialog.close === 'function') dialog.close();
      else dialog.removeAttribute('open');
    }
  }, [open]);

  // However it closes (Escape, the button, the backdrop), the store and focus follow.
  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    const onClose = () => {
      setOpen(false);
      const target = opener.current;
      opener.current = null;
      if (target?.isConnected) target.focus({ preventScroll: true });
    };
    dialog.addEventListener('close', onClose);
    return () => dialog.removeEventListener('close', onClose);
  }, [setOpen]);

  const close = () => {
    const dialog = dialogRef.current;
    if (dialog && typeof dialog.close === 'function') dialog.close();
    else {
      dialog?.removeAttribute('open');
      dialog?.dispatchEvent(new Event('close'));
    }
  };

  const onDialogClick = (event: MouseEvent<HTMLDialogElement>) => {
    if (event.target === event.currentTarget) close();
  };

  return (
    // The click handler only catches clicks on the backdrop; Escape and the Close
    // button are the keyboard's ways out.
    <dialog
      ref={dialogRef}
      className="shortcuts-dialog"
      aria-labelledby={`${id}-title`}
      onClick={onDialogClick}
    >
      <div className="shortcuts-content">
        <div className="shortcuts-header">
          <h2 id={`${id}-title`}>Keyboard shortcuts</h2>
          <button ref={closeRef} type="button" className="button button--small" onClick={close}>
            Close
          </button>
        </div>
        {SHORTCUT_GROUPS.map((group) => (
          <table key={group.title} className="shortcuts-table">
            <caption>{group.title}</caption>
            <thead>
              <tr>
                <th scope="col">Keys</th>
                <th scope="col">Action</th>
              </tr>
            </thead>
            <tbody>
              {group.shortcuts.map((shortcut) => (
                <tr key={shortcut.action}>
                  <td>
                    <Keys shortcut={shortcut} />
                  </td>
                  <td>{shortcut.action}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
        <p className="shortcuts-note">
          Presentation mode leaves the arrow keys to fields, sliders, lists and charts that use
          them: press <kbd>Tab</kbd> to move on, then step again.
        </p>
      </div>
    </dialog>
  );
}
