/** Shown on every page (DESIGN.md): the pharmaceutical content is for teaching only. */
export const DISCLAIMER = 'Teaching examples only — not medical advice.';

export function Disclaimer() {
  return (
    <p className="disclaimer" role="note">
      <span className="disclaimer-mark" aria-hidden="true">
        !
      </span>
      <strong>{DISCLAIMER}</strong>{' '}
      <span className="disclaimer-detail">
        Simplified drug facts for a tiny model, never for patient care.
      </span>
    </p>
  );
}
