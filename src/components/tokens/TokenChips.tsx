/**
 * Tokens as chips: each shows its text (spaces as "␣") and its id. With `mask`, each
 * chip also says whether the loss counts it — by outline, weight and a written mark,
 * never by colour alone (the legend lists the marks).
 */
import './TokenChips.css';

export interface ChipToken {
  id: number;
  label: string;
  /** SFT loss mask: true = counted, false = ignored; undefined = no mask shown. */
  counted?: boolean;
}

export function TokenChips({ tokens, label }: { tokens: readonly ChipToken[]; label: string }) {
  return (
    <ol className="token-chips" aria-label={label}>
      {tokens.map((t, i) => {
        const mask =
          t.counted === undefined
            ? ''
            : t.counted
              ? ' token-chip--counted'
              : ' token-chip--ignored';
        return (
          // Same token can repeat: position is the identity.
          <li key={i} className={`token-chip token-chip--tint-${i % 4}${mask}`}>
            <span className="token-chip-label">{t.label}</span>
            <span className="token-chip-id">
              <span className="visually-hidden">id </span>
              {t.id}
            </span>
            {t.counted !== undefined && (
              <span className="token-chip-mask">{t.counted ? '✓ counted' : '– ignored'}</span>
            )}
          </li>
        );
      })}
    </ol>
  );
}

/** The legend for masked chips, with the same marks the chips carry. */
export function MaskLegend({ counted, ignored }: { counted: number; ignored: number }) {
  return (
    <ul className="mask-legend" aria-label="Legend">
      <li>
        <span className="token-chip token-chip--counted mask-legend-sample" aria-hidden="true">
          <span className="token-chip-mask">✓ counted</span>
        </span>
        <span>
          <strong>Counted</strong> ({counted}): solid thick outline, bold — the loss is computed on
          these.
        </span>
      </li>
      <li>
        <span className="token-chip token-chip--ignored mask-legend-sample" aria-hidden="true">
          <span className="token-chip-mask">– ignored</span>
        </span>
        <span>
          <strong>Ignored</strong> ({ignored}): dashed outline, faded — prompt and template, masked
          out.
        </span>
      </li>
    </ul>
  );
}
