/**
 * The words and chart data of the "Be the annotator" section, from a fit's result
 * (pure: every number is read from the result, none typed in).
 */
import type { ChartSeries } from '../../components/chart';
import type {
  AnnotatorFitResult,
  AnnotatorModelReport,
  CalibrationBin,
} from '../../sim/experiments/annotatorFit';
import { num, pct, pointsDiff } from '../challenges/format';

export const YOURS = 'fitted on your labels';
export const EXPERTS = 'fitted on the experts’ labels';
export const DIAGONAL = 'perfectly calibrated';

const range = (b: CalibrationBin) => `${num(b.from, 1)}–${num(b.to, 1)}`;

/** "8 of 16 pairs (50%)". */
export function agreementText(result: AnnotatorFitResult): string {
  const { agree, labelled, rate } = result.agreement;
  return `Your labels agree with the experts’ on ${agree} of ${labelled} pairs (${pct(rate)}).`;
}

/**
 * What the labels cost (or not): the held-out accuracy of the probe fitted on the
 * student's labels next to the same probe fitted on the experts' labels of the same pairs.
 */
export function accuracyReading(result: AnnotatorFitResult): string {
  const { yours, experts, agreement, pairs } = result;
  const n = pairs.heldOut;
  const onePair = `one held-out pair is ${num(100 / n, 1)} points`;
  const parts: string[] = [];
  const disagree = agreement.labelled - agreement.agree;
  const diff = yours.accuracy - experts.accuracy;
  if (disagree === 0) {
    parts.push(
      `Your labels are the experts’ on every pair you labelled, so the two reward models are the same: ${pct(yours.accuracy, 1)} of the ${n} held-out pairs ranked the experts’ way.`,
    );
  } else if (diff < 0) {
    parts.push(
      `Your ${disagree} ${disagree === 1 ? 'disagreement costs' : 'disagreements cost'} ${pointsDiff(-diff).replace('+', '')} of held-out accuracy: ${pct(yours.accuracy, 1)} of the ${n} held-out pairs ranked the experts’ way, against ${pct(experts.accuracy, 1)} with the experts’ labels of the same ${agreement.labelled} pairs.`,
    );
  } else if (diff > 0) {
    parts.push(
      `With your labels the model ranks ${pct(yours.accuracy, 1)} of the ${n} held-out pairs the experts’ way, ${pointsDiff(diff)} above the experts’ own labels of the same pairs (${pct(experts.accuracy, 1)}): with so few labels the held-out figure moves with any single one (${onePair}), so this is luck, not better labels.`,
    );
  } else {
    parts.push(
      `Same held-out accuracy, ${pct(yours.accuracy, 1)}, despite ${disagree} ${disagree === 1 ? 'disagreement' : 'disagreements'}: ${disagree === 1 ? 'it did' : 'they did'} not change how the model ranks these ${n} held-out pairs.`,
    );
  }
  if (yours.accuracy < 0.5) {
    parts.push(
      'Below 50%, the score of guessing: the model learned to prefer what the experts reject.',
    );
  }
  return parts.join(' ');
}

function binWords(b: CalibrationBin): string {
  if (b.count === 0 || b.predicted === null || b.observed === null) {
    return `${range(b)}: no pairs`;
  }
  return `${range(b)}: ${b.count} ${b.count === 1 ? 'pair' : 'pairs'}, predicted ${num(b.predicted)} on average, experts chose A in ${pct(b.observed)}`;
}

function reportWords(name: string, r: AnnotatorModelReport): string {
  return `${name}: ${r.calibration.map(binWords).join('; ')}. Expected calibration error ${num(r.ece)}, Brier score ${num(r.brier)}.`;
}

/** The chart's text alternative: every bin's count, mean prediction and observed share. */
export function calibrationDescription(result: AnnotatorFitResult): string {
  const bins = result.yours.calibration.length;
  return (
    `${result.pairs.heldOut} held-out pairs, binned by the predicted probability that answer A is better (${bins} bins); ` +
    'observed is the share of a bin’s pairs where the experts chose A; the dashed diagonal is a perfectly calibrated model. ' +
    `${reportWords('Reward model fitted on your labels', result.yours)} ` +
    reportWords(
      `Fitted on the experts’ labels of the same ${result.pairs.labelled} pairs`,
      result.experts,
    )
  );
}

/** Diagonal and one line per model, through the non-empty bins (x: mean prediction). */
export function calibrationSeries(result: AnnotatorFitResult): ChartSeries[] {
  const line = (name: string, r: AnnotatorModelReport, paletteIndex: number): ChartSeries => {
    const filled = r.calibration.filter((b) => b.count > 0);
    return {
      name,
      x: filled.map((b) => b.predicted ?? Number.NaN),
      y: filled.map((b) => b.observed ?? Number.NaN),
      paletteIndex,
    };
  };
  return [
    { name: DIAGONAL, x: [0, 1], y: [0, 1], dashed: true, paletteIndex: 6 },
    line(YOURS, result.yours, 0),
    line(EXPERTS, result.experts, 2),
  ];
}

/**
 * Where the model fitted on the student's labels is surest, what the experts chose:
 * the lowest and the highest non-empty bins.
 */
export function calibrationReading(result: AnnotatorFitResult): string {
  const r = result.yours;
  const filled = r.calibration.filter((b) => b.count > 0 && b.observed !== null);
  const sure = `The model fitted on your labels is ${pct(r.meanConfidence)} sure of its choice on average (50% is a coin toss).`;
  if (filled.length < 2) {
    return `${sure} All its held-out predictions fall in one bin (${range(filled[0])}), so the chart has one point: too few labels to be sure of anything.`;
  }
  const low = filled[0];
  const high = filled[filled.length - 1];
  const pairs = (count: number) => `${count} ${count === 1 ? 'pair' : 'pairs'}`;
  const e = result.experts;
  // A model unsure of everything can be well calibrated and useless: say so when the
  // numbers show it (lower ECE, lower accuracy), with the Brier score that counts both.
  const caveat =
    r.ece < e.ece && r.accuracy < e.accuracy
      ? ` Calibration is not accuracy: here the model fitted on your labels has the lower calibration error (ECE ${num(r.ece)} against ${num(e.ece)}) yet ranks fewer held-out pairs right; a model that said ½ to every pair would be perfectly calibrated and useless. The Brier score (${num(r.brier)} against ${num(e.brier)}, lower is better) counts both.`
      : '';
  return (
    `${sure} Where it gives A the highest chance (${range(high)}, ${pairs(high.count)}) the experts chose A in ${pct(high.observed)}; ` +
    `where it gives A the lowest (${range(low)}, ${pairs(low.count)}), in ${pct(low.observed)}. ` +
    'A calibrated model’s points lie on the diagonal; points falling from left to right mean it is confidently wrong.' +
    caveat
  );
}

export const ECE_TEX = String.raw`\mathrm{ECE} = \sum_{b} \frac{n_b}{N}\,\bigl|\,o_b - \bar p_b\,\bigr|`;
export const ECE_TEXT =
  'The expected calibration error is the sum over bins b of n b over N times the absolute difference between o b, the share of the bin’s pairs where the experts chose A, and p bar b, the bin’s mean predicted probability.';

/** The ECE worked out with the result's bins (the model fitted on the student's labels). */
export function eceLive(result: AnnotatorFitResult): { tex: string; text: string } {
  const n = result.pairs.heldOut;
  const filled = result.yours.calibration.filter(
    (b) => b.count > 0 && b.observed !== null && b.predicted !== null,
  );
  const tex = filled
    .map((b) => String.raw`\tfrac{${b.count}}{${n}}\,|${num(b.observed)} - ${num(b.predicted)}|`)
    .join(' + ');
  const text = filled
    .map(
      (b) =>
        `${b.count} over ${n} times the gap between ${num(b.observed)} and ${num(b.predicted)}`,
    )
    .join(', plus ');
  return {
    tex: String.raw`\mathrm{ECE} = ${tex} = ${num(result.yours.ece)}`,
    text: `ECE = ${text}, which is ${num(result.yours.ece)}`,
  };
}
