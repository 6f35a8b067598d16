import { useId } from 'react';

/**
 * A labelled text input for a number (or a list of numbers) with a hint and, when the
 * typed text cannot be used, the reason beneath it. Text rather than type="number", so
 * what was typed stays visible and the message can quote it.
 */
export function TextField({
  label,
  value,
  onChange,
  hint,
  error,
  wide = false,
  inputMode = 'decimal',
}: {
  label: string;
  value: string;
  onChange(value: string): void;
  hint?: string;
  /** Why the value cannot be used; null or undefined when it can. */
  error?: string | null;
  /** For lists. */
  wide?: boolean;
  inputMode?: 'decimal' | 'numeric' | 'text';
}) {
  const id = useId();
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [hint ? hintId : null, error ? errorId : null].filter(Boolean).join(' ');
  return (
    <div className={wide ? 'study-field study-field--wide' : 'study-field'}>
      <label className="study-field-label" htmlFor={id}>
        {label}
      </label>
      <input
        id={id}
        type="text"
        className="study-field-input"
        inputMode={inputMode}
        autoComplete="off"
        spellCheck={false}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy || undefined}
        onChange={(event) => onChange(event.target.value)}
      />
      {hint && (
        <p className="study-field-hint" id={hintId}>
          {hint}
        </p>
      )}
      {/* Polite, not an alert: it is re-checked on every keystroke. */}
      <p className="study-field-error" id={errorId} aria-live="polite">
        {error && (
          <>
            <span aria-hidden="true">⚠ </span>
            {error}
          </>
        )}
      </p>
    </div>
  );
}
