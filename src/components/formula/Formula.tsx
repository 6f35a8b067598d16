/**
 * <Formula>: a formula in KaTeX and, optionally, the same formula with the live
 * numbers of the current run substituted, labelled, beneath it.
 *
 * - KaTeX loads lazily (with its CSS and fonts) on the first formula; until then the
 *   plain-text reading is shown, so nothing is blank.
 * - Rendered with katex.render into an element React leaves empty: no innerHTML,
 *   which a strict CSP would refuse. `trust: false` blocks \href and friends.
 * - Each rendering is role="img" with the plain-text reading as its accessible name.
 */
import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useChartHighlight, useHighlightedKey } from '../chart/highlight';
import './Formula.css';

type Katex = (typeof import('katex'))['default'];

let katexPromise: Promise<Katex> | null = null;

/** Loads KaTeX once for the whole app. */
export function loadKatex(): Promise<Katex> {
  katexPromise ??= import('./katexLoader').then((module) => module.default);
  return katexPromise;
}

function useKatex(): Katex | null {
  const [katex, setKatex] = useState<Katex | null>(null);
  useEffect(() => {
    let alive = true;
    loadKatex().then(
      (loaded) => alive && setKatex(loaded),
      () => undefined, // stays on the plain-text fallback
    );
    return () => {
      alive = false;
    };
  }, []);
  return katex;
}

function TexBox({
  tex,
  text,
  katex,
  display,
}: {
  tex: string;
  text: string;
  katex: Katex | null;
  display: boolean;
}) {
  const target = useRef<HTMLSpanElement>(null);
  useLayoutEffect(() => {
    if (katex && target.current) {
      katex.render(tex, target.current, {
        displayMode: display,
        throwOnError: false,
        trust: false,
      });
    }
  }, [katex, tex, display]);
  return (
    <span role="img" aria-label={text} className="formula-math">
      {!katex && <span className="formula-fallback">{text}</span>}
      <span ref={target} className="formula-katex" />
    </span>
  );
}

/** A term of a formula and the chart series that plots it (ChartSeries.highlightKey). */
export interface FormulaTerm {
  /** The term, in TeX, as it appears in the formula. */
  tex: string;
  /** Plain-text reading of the term. */
  text: string;
  /** The highlightKey of the series that plots it. */
  seriesKey: string;
  /** Where to find it, in words (e.g. "KL chart, k3 line"). */
  where: string;
}

/**
 * The terms of a formula as buttons: hovering or focusing one highlights the chart
 * series that plots it, clicking pins that highlight; hovering the series lights the
 * term. (Terms are listed beside the formula rather than made clickable inside it:
 * that would need KaTeX's `trust` option, which stays off.)
 */
function FormulaTerms({ terms, katex }: { terms: readonly FormulaTerm[]; katex: Katex | null }) {
  const highlighted = useHighlightedKey();
  const pinned = useChartHighlight((state) => state.pinned);
  const setHovered = useChartHighlight((state) => state.setHovered);
  const togglePinned = useChartHighlight((state) => state.togglePinned);
  return (
    <div className="formula-terms">
      <p className="formula-terms-label">Find each term in the charts (hover, focus or click):</p>
      <ul className="formula-terms-list">
        {terms.map((term) => (
          <li key={term.seriesKey}>
            <button
              type="button"
              className={`formula-term${highlighted === term.seriesKey ? ' formula-term--active' : ''}`}
              aria-pressed={pinned === term.seriesKey}
              aria-label={`${term.text}: ${term.where}`}
              onMouseEnter={() => setHovered(term.seriesKey)}
              onMouseLeave={() => setHovered(null)}
              onFocus={() => setHovered(term.seriesKey)}
              onBlur={() => setHovered(null)}
              onClick={() => togglePinned(term.seriesKey)}
            >
              <TexBox tex={term.tex} text={term.text} katex={katex} display={false} />
              <span className="formula-term-where">{term.where}</span>
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}

export interface FormulaProps {
  /** The formula, symbolic, in TeX. */
  tex: string;
  /** Plain-text reading of `tex` (the accessible name, and the fallback while KaTeX loads). */
  text: string;
  /** The same formula with this run's numbers substituted, in TeX. */
  live?: string;
  /** Plain-text reading of `live`. */
  liveText?: string;
  /** Label of the live version (default "With this run's numbers"). */
  liveLabel?: string;
  /** Block (default) or inline within a sentence. */
  display?: boolean;
  /** Terms linked to chart series (block formulas only). */
  terms?: readonly FormulaTerm[];
}

export function Formula({
  tex,
  text,
  live,
  liveText,
  liveLabel = "With this run's numbers",
  display = true,
  terms,
}: FormulaProps) {
  const katex = useKatex();
  if (!display) return <TexBox tex={tex} text={text} katex={katex} display={false} />;
  return (
    <div className="formula">
      <TexBox tex={tex} text={text} katex={katex} display />
      {live && (
        <div className="formula-live">
          <p className="formula-live-label">{liveLabel}:</p>
          <TexBox tex={live} text={`${liveLabel}: ${liveText ?? live}`} katex={katex} display />
        </div>
      )}
      {terms && terms.length > 0 && <FormulaTerms terms={terms} katex={katex} />}
    </div>
  );
}
