import { useId, useState } from 'react';
import { formatNumber } from '../../store/config';

export interface NumberFieldProps {
  /** Visible label (also the input's accessible name). */
  label: string;
  /** Short name for messages, e.g. "ε". */
  symbol: string;
  value: number;
  min: number;
  max: number;
  step: number;
  integer?: boolean;
  /** Also show a slider over [min, max]. */
  slider?: boolean;
  /** Called with a valid value only. */
  onApply(value: number): void;
}

/** Plain decimal or exponent notation only (what a number input accepts). */
const NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)(e[-+]?\d+)?$/i;

/** Why `text` cannot be applied, or null when it can. */
export function rejectReason(
  text: string,
  { symbol, min, max, integer }: Pick<NumberFieldProps, 'symbol' | 'min' | 'max' | 'integer'>,
): string | null {
  const trimmed = text.trim();
  if (!NUMBER.test(trimmed)) return `${symbol} must be a number.`;
  const value = Number(trimmed);
  if (integer && !Number.isInteger(value)) return `${symbol} must be a whole number.`;
  if (value < min || value > max) {
    return `${symbol} must be between ${formatNumber(min)} and ${formatNumber(max)}; ${trimmed} is outside.`;
  }
  return null;
}

/**
 * A number input (and optional slider) that applies only valid values: an entry out
 * of range or not a number shows a message saying so, and the last valid value stays.
 */
export function NumberField({
  label,
  symbol,
  value,
  min,
  max,
  step,
  integer = false,
  slider = false,
  onApply,
}: NumberFieldProps) {
  const id = useId();
  const [draft, setDraft] = useState(String(value));
  const [error, setError] = useState<string | null>(null);
  // A value changed from outside (the slider, another control, the URL): show it.
  const [shown, setShown] = useState(value);
  if (shown !== value) {
    setShown(value);
    setDraft(String(value));
    setError(null);
  }

  const enter = (text: string) => {
    setDraft(text);
    const reason = rejectReason(text, { symbol, min, max, integer });
    if (reason) {
      setError(`${reason} Not applied: still ${formatNumber(value)}.`);
      return;
    }
    setError(null);
    const next = Number(text.trim());
    setShown(next);
    onApply(next);
  };

  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  return (
    <div className="number-field">
      <label className="number-field-label" htmlFor={id}>
        {label}
      </label>
      <div className="number-field-inputs">
        {slider && (
          <input
            type="range"
            className="number-field-slider"
            aria-label={`${label} (slider)`}
            min={min}
            max={max}
            step={step}
            value={value}
            onChange={(e) => enter(e.target.value)}
          />
        )}
        <input
          id={id}
          type="number"
          className="number-field-input"
          inputMode="decimal"
          min={min}
          max={max}
          step={step}
          value={draft}
          aria-invalid={error !== null}
          aria-describedby={error ? `${hintId} ${errorId}` : hintId}
          onChange={(e) => enter(e.target.value)}
        />
      </div>
      <p className="number-field-hint" id={hintId}>
        {formatNumber(min)} to {formatNumber(max)}
      </p>
      {/* Polite, not an alert: it is re-checked on every keystroke. */}
      <p className="number-field-error" id={errorId} aria-live="polite">
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
