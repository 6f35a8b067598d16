/**
 * A determinate progress bar. Its fill is sized through the style property (CSSOM),
 * which a strict CSP allows, unlike a style attribute in markup.
 */
export function ProgressBar({
  value,
  label,
  valueText,
}: {
  /** 0..1 */
  value: number;
  label: string;
  valueText: string;
}) {
  const fraction = Number.isFinite(value) ? Math.min(1, Math.max(0, value)) : 0;
  const percent = Math.round(fraction * 100);
  return (
    <div
      className="progress"
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={percent}
      aria-valuetext={valueText}
    >
      <span className="progress-fill" style={{ transform: `scaleX(${fraction})` }} />
    </div>
  );
}
