/** What the annotation-quality study's result says, in words, series and formulas (pure). */
import type { ChartSeries } from '../../components/chart';
import type { AnnotationPoint, AnnotationStudyResult } from '../../sim/experiments/annotation';
import { num, pct, pointsDiff, tex } from './format';
import type { FormulaTerm } from '../../components/formula';

/** The seeds' "acceptable" agreement (003, Challenge 2: "Fleiss' Kappa ≥ 0.60"). */
export const SEED_KAPPA_THRESHOLD = 0.6;

const byNoise = (result: AnnotationStudyResult) =>
  [...result.points].sort((a, b) => a.noise - b.noise);

/** Largest gap between measured and expected κ still read as "κ tracks the noise". */
const KAPPA_TRACKS = 0.1;

export const EXPECTED_KAPPA_NAME = 'expected κ = (1 − 2p)²';

/** κ measured and expected (same colour, the expectation dashed), and both accuracies. */
export function annotationSeries(result: AnnotationStudyResult): ChartSeries[] {
  const points = byNoise(result);
  const x = points.map((p) => p.noise);
  return [
    {
      name: 'Fleiss’ κ, measured',
      highlightKey: 'annotation-kappa',
      x,
      y: points.map((p) => p.kappa),
      paletteIndex: 0,
    },
    {
      name: EXPECTED_KAPPA_NAME,
      highlightKey: 'annotation-kappa-expected',
      x,
      y: points.map((p) => p.expected.kappa),
      dashed: true,
      paletteIndex: 0,
    },
    {
      name: 'accuracy, one annotator',
      x,
      y: points.map((p) => p.accuracySingle),
      paletteIndex: 1,
    },
    {
      name: 'accuracy, majority of three',
      x,
      y: points.map((p) => p.accuracyMajority),
      paletteIndex: 2,
    },
  ];
}

/** The chart's text alternative: κ and both accuracies at the lowest and highest noise. */
export function annotationDescription(result: AnnotationStudyResult): string {
  const points = byNoise(result);
  if (points.length === 0) return 'No noise rate in this result.';
  const a = points[0];
  const b = points[points.length - 1];
  const range = (f: (p: AnnotationPoint) => number, show: (v: number) => string) =>
    points.length === 1 ? show(f(a)) : `${show(f(a))} to ${show(f(b))}`;
  const k = (v: number) => num(v, 2);
  const where =
    points.length === 1 ? `At noise rate p = ${a.noise}` : `From p = ${a.noise} to p = ${b.noise}`;
  return `${where} (mean of ${result.repeats} repeats): Fleiss' κ ${range((p) => p.kappa, k)}, expected ${range((p) => p.expected.kappa, k)}. Held-out accuracy of the reward model trained on one annotator's labels ${range((p) => p.accuracySingle, pct)}; on the majority of three ${range((p) => p.accuracyMajority, pct)}.`;
}

/** Does the majority of three beat one annotator, and by how much at best. */
export function majorityReading(result: AnnotationStudyResult): string {
  const noisy = byNoise(result).filter((p) => p.noise > 0);
  if (noisy.length === 0) {
    return 'Add a noise rate above 0 to compare one annotator with the majority of three.';
  }
  const gain = (p: AnnotationPoint) => p.accuracyMajority - p.accuracySingle;
  const better = noisy.filter((p) => pct(p.accuracyMajority, 1) !== pct(p.accuracySingle, 1));
  const wins = better.filter((p) => gain(p) > 0).length;
  const best = noisy.reduce((m, p) => (gain(p) > gain(m) ? p : m), noisy[0]);
  const head = `The majority of three beat one annotator at ${wins} of ${noisy.length} noise rates above 0.`;
  if (!(gain(best) > 0) || wins === 0) return head;
  return `${head} The largest gain was at p = ${best.noise}: ${pct(best.accuracyMajority)} against ${pct(best.accuracySingle)} held-out accuracy (${pointsDiff(gain(best))}), because the majority's training labels were wrong ${pct(best.majorityLabelErrorRate)} of the time instead of ${pct(best.singleLabelErrorRate)}.`;
}

/** Where measured κ crosses the seeds' 0.60, and what a single annotator's labels were then. */
export function kappaThresholdReading(
  result: AnnotationStudyResult,
  threshold = SEED_KAPPA_THRESHOLD,
): string {
  const points = byNoise(result);
  if (points.length === 0) return '';
  const t = num(threshold, 2);
  const firstBelow = points.findIndex((p) => p.kappa < threshold);
  if (firstBelow === -1) {
    return `κ stayed at or above the seeds' ${t} at every noise rate measured (up to p = ${points[points.length - 1].noise}).`;
  }
  const below = points[firstBelow];
  if (firstBelow === 0) {
    return `κ was below the seeds' ${t} already at p = ${below.noise} (κ = ${num(below.kappa)}).`;
  }
  const last = points[firstBelow - 1];
  const clean = points.find((p) => p.noise === 0);
  return `κ stayed at or above the seeds' ${t} up to p = ${last.noise} (κ = ${num(last.kappa)}) and fell below it at p = ${below.noise} (κ = ${num(below.kappa)}). At p = ${last.noise} a single annotator's labels were already wrong ${pct(last.singleLabelErrorRate)} of the time, and the reward model trained on them scored ${pct(last.accuracySingle)} held-out${
    clean ? ` (${pct(clean.accuracySingle)} with clean labels)` : ''
  }.`;
}

/** How closely κ follows (1 − 2p)²: the largest gap between measured and expected. */
export function kappaFitReading(result: AnnotationStudyResult): string {
  const points = byNoise(result);
  if (points.length === 0) return '';
  const worst = points.reduce(
    (m, p) => (Math.abs(p.kappa - p.expected.kappa) > Math.abs(m.kappa - m.expected.kappa) ? p : m),
    points[0],
  );
  const gap = Math.abs(worst.kappa - worst.expected.kappa);
  const head = `Measured κ is within ${num(gap)} of (1 − 2p)² at every noise rate measured (largest gap at p = ${worst.noise}: ${num(worst.kappa)} against ${num(worst.expected.kappa)})`;
  return gap <= KAPPA_TRACKS
    ? `${head}: κ tracks the noise, so measuring it does reveal noisy annotators.`
    : `${head}.`;
}

export const KAPPA_TEX = String.raw`\kappa = \frac{\bar{P} - \bar{P}_e}{1 - \bar{P}_e} \;\approx\; (1 - 2p)^2`;
export const KAPPA_TEXT =
  "Fleiss' kappa = (P̄ − P̄e) / (1 − P̄e): observed agreement beyond chance, as a share of the agreement possible beyond chance; for three annotators who each flip a label with probability p, on pairs shown in random order, it is about (1 − 2p)².";

/** The formulas' terms, linked to the chart's series (FormulaTerms). */
export const KAPPA_TERMS: readonly FormulaTerm[] = [
  {
    tex: String.raw`\kappa`,
    text: "Fleiss' kappa, measured",
    seriesKey: 'annotation-kappa',
    where: 'chart, measured κ line',
  },
  {
    tex: String.raw`(1 - 2p)^2`,
    text: 'the expected kappa, one minus two p, squared',
    seriesKey: 'annotation-kappa-expected',
    where: 'chart, dashed expected κ line',
  },
];

export const MAJORITY_TEX = String.raw`P(\text{majority of three wrong}) = 3p^2 - 2p^3`;
export const MAJORITY_TEXT =
  'The chance that the majority of three is wrong = 3p² − 2p³ (at least two of the three flip), smaller than p for 0 < p < ½.';

/** The two formulas with one point's noise rate and measurements. */
export function annotationLive(point: AnnotationPoint): {
  kappa: { tex: string; text: string };
  majority: { tex: string; text: string };
} {
  const p = tex(point.noise, 3, false);
  return {
    kappa: {
      tex: String.raw`(1 - 2 \times ${p})^2 = ${tex(point.expected.kappa)} \qquad \text{measured } \kappa = ${tex(point.kappa)}`,
      text: `(1 − 2 × ${point.noise})² = ${num(point.expected.kappa)}; measured κ = ${num(point.kappa)}`,
    },
    majority: {
      tex: String.raw`3 \times ${p}^2 - 2 \times ${p}^3 = ${tex(point.expected.majorityLabelErrorRate, 3)} \qquad \text{measured } ${tex(point.majorityLabelErrorRate, 3)} \;\;(\text{one annotator: } ${tex(point.singleLabelErrorRate, 3)})`,
      text: `3 × ${point.noise}² − 2 × ${point.noise}³ = ${num(point.expected.majorityLabelErrorRate, 3)}; measured ${num(point.majorityLabelErrorRate, 3)} (one annotator: ${num(point.singleLabelErrorRate, 3)})`,
    },
  };
}
