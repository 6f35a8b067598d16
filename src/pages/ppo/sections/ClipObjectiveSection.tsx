import { useMemo, useState } from 'react';
import { Chart, type ChartSeries } from '../../../components/chart';
import { Formula, type FormulaTerm } from '../../../components/formula';
import { Section } from '../../../components/page/Section';
import { fmtPercent } from '../../../components/run/metrics';
import { useThrottledValue } from '../../../components/run/useThrottledValue';
import { isClipped, ppoClipGradient, ppoClipObjective } from '../../../sim';
import { formatNumber } from '../../../store/config';
import { useStageRun } from '../../shared/useStageRun';
import { NumberField } from '../NumberField';
import { num, roundRange } from '../ppoRun';
import { usePpoSettings } from '../usePpoSettings';

const CLIP_TERMS: readonly FormulaTerm[] = [
  {
    tex: String.raw`r_t \hat A_t`,
    text: 'r t times the advantage, unclipped',
    seriesKey: 'ppo-clip-unclipped',
    where: 'objective chart, dashed r·A line',
  },
  {
    tex: String.raw`\operatorname{clip}(r_t, 1-\epsilon, 1+\epsilon)\,\hat A_t`,
    text: 'r t clipped to 1 plus or minus epsilon, times the advantage',
    seriesKey: 'ppo-clip-clipped',
    where: 'objective chart, flat clipped part',
  },
  {
    tex: String.raw`1 \pm \epsilon`,
    text: 'the clip range, 1 plus or minus epsilon',
    seriesKey: 'ppo-clip-range',
    where: 'objective chart, clip-range box',
  },
];

export const EPSILON_RANGE = { min: 0.05, max: 0.5 } as const;
export const ADVANTAGE_RANGE = { min: -2, max: 2 } as const;
export const RATIO_RANGE = { min: 0, max: 2 } as const;

/** The ratios the curve is drawn at: 0 to 2 in steps of 0.01. */
const RATIOS = Array.from({ length: 201 }, (_, i) => i / 100);

const texNum = (v: number) => (v < 0 ? `(${num(v)})` : num(v));

/** The objective against r for one A and ε: the two branches, the clip range, the point. */
function ObjectiveChart({ ratio, advantage, epsilon }: Inputs) {
  const value = ppoClipObjective(ratio, advantage, epsilon);
  const clipped = isClipped(ratio, advantage, epsilon);
  const series = useMemo<ChartSeries[]>(() => {
    const objective = RATIOS.map((r) => ppoClipObjective(r, advantage, epsilon));
    const flat = RATIOS.map((r) => isClipped(r, advantage, epsilon));
    // Each branch keeps the point where they meet, so the two lines join.
    const keep = (want: boolean) =>
      objective.map((y, i) =>
        flat[i] === want || flat[i - 1] === want || flat[i + 1] === want ? y : Number.NaN,
      );
    return [
      {
        name: 'r·A without the clip',
        highlightKey: 'ppo-clip-unclipped',
        x: RATIOS,
        y: RATIOS.map((r) => r * advantage),
        dashed: true,
        paletteIndex: 2,
      },
      { name: 'objective, gradient flows', x: RATIOS, y: keep(false), paletteIndex: 0 },
      {
        name: 'objective, clipped: flat, no gradient',
        highlightKey: 'ppo-clip-clipped',
        x: RATIOS,
        y: keep(true),
        paletteIndex: 1,
      },
    ];
  }, [advantage, epsilon]);
  const [lo, hi] = roundRange([series[0].y as number[], series[1].y as number[]]);
  const bottom = lo === 0 && hi === 0 ? -1 : lo;
  const top = hi === 0 ? 1 : hi;
  const withRange = useMemo<ChartSeries[]>(
    () => [
      ...series,
      {
        name: 'clip range 1 ± ε',
        highlightKey: 'ppo-clip-range',
        x: [1 - epsilon, 1 - epsilon, 1 + epsilon, 1 + epsilon],
        y: [bottom, top, top, bottom],
        dashed: true,
        paletteIndex: 5,
      },
      // A drop line from the axis to the chosen point, drawn last so it is on top.
      { name: 'your r and its value', x: [ratio, ratio], y: [bottom, value], paletteIndex: 3 },
    ],
    [series, epsilon, bottom, top, ratio, value],
  );
  const xRange = useMemo(() => [0, 2] as const, []);
  const yRange = useMemo(() => [bottom, top] as const, [bottom, top]);
  return (
    <Chart
      title="The clipped objective against the ratio r"
      description={
        `For A = ${num(advantage)} and ε = ${num(epsilon)}, the objective is ` +
        (advantage > 0
          ? `r·A up to r = ${num(1 + epsilon)}, then flat at ${num((1 + epsilon) * advantage)}`
          : advantage < 0
            ? `flat at ${num((1 - epsilon) * advantage)} below r = ${num(1 - epsilon)}, then r·A`
            : '0 for every r') +
        `. At r = ${num(ratio)} it is ${num(value)}${clipped ? ', on the flat (clipped) part' : ''}.`
      }
      series={withRange}
      xTitle="ratio r (new ÷ old probability of the token)"
      yTitle="objective"
      xRange={xRange}
      yRange={yRange}
    />
  );
}

interface Inputs {
  ratio: number;
  advantage: number;
  epsilon: number;
}

/** The value, in a sentence, and what the clip does at this point. */
function Result({ ratio, advantage, epsilon }: Inputs) {
  const value = ppoClipObjective(ratio, advantage, epsilon);
  const clipped = isClipped(ratio, advantage, epsilon);
  const gradient = ppoClipGradient(ratio, advantage, epsilon);
  const clippedRatio = Math.min(Math.max(ratio, 1 - epsilon), 1 + epsilon);
  let why: string;
  if (clipped) {
    why =
      advantage > 0
        ? `r = ${num(ratio)} is above 1 + ε = ${num(1 + epsilon)} and A > 0: the token is already more likely than the clip allows, so the objective is flat here and its gradient with respect to r is 0. This token stops pushing.`
        : `r = ${num(ratio)} is below 1 − ε = ${num(1 - epsilon)} and A < 0: the token is already less likely than the clip allows, so the objective is flat here and its gradient with respect to r is 0. This token stops pushing.`;
  } else if (advantage === 0) {
    why = 'A = 0: the token was exactly as good as expected, so it does not move the policy.';
  } else if (ratio < 1 - epsilon || ratio > 1 + epsilon) {
    why = `r is outside [1 − ε, 1 + ε], but moving it back towards 1 is what A asks for, so the minimum keeps the unclipped r·A: the gradient with respect to r is A = ${num(gradient)}. The clip only removes the incentive to move further.`;
  } else {
    why = `r is inside [1 − ε, 1 + ε] = [${num(1 - epsilon)}, ${num(1 + epsilon)}]: both terms agree and the gradient with respect to r is A = ${num(gradient)}.`;
  }
  return (
    <div className="ppo-clip-result">
      <p className="ppo-clip-result-value" aria-live="polite">
        L<sup>CLIP</sup> = min({num(ratio)} × {num(advantage)}, {num(clippedRatio)} ×{' '}
        {num(advantage)}) = <strong className="ppo-clip-result-number">{num(value)}</strong>
        <span className={clipped ? 'ppo-clip-tag ppo-clip-tag--clipped' : 'ppo-clip-tag'}>
          {clipped ? 'Clipped' : 'Not clipped'}
        </span>
      </p>
      <p>{why}</p>
    </div>
  );
}

/** ε, A and r as inputs; the objective computed by the app's own ppoClipObjective. */
export function ClipObjectiveSection() {
  const { ppo } = usePpoSettings();
  const run = useStageRun('ppo');
  const startEpsilon =
    ppo.cliprange >= EPSILON_RANGE.min && ppo.cliprange <= EPSILON_RANGE.max ? ppo.cliprange : 0.2;
  const [epsilon, setEpsilon] = useState(startEpsilon);
  const [advantage, setAdvantage] = useState(1);
  const [ratio, setRatio] = useState(1.3);
  const inputs = { ratio, advantage, epsilon };
  const clippedRatio = Math.min(Math.max(ratio, 1 - epsilon), 1 + epsilon);
  const value = ppoClipObjective(ratio, advantage, epsilon);
  const metrics = useThrottledValue(run.metrics, 1000);
  const last = metrics[metrics.length - 1];

  return (
    <Section id="ppo-clip" title="The clipped objective, with your numbers">
      <p>
        PPO maximises this over several passes on the same rollouts. The ratio r starts at 1 and
        drifts as the weights change; a positive advantage A pushes it up, a negative one down. The
        clip stops the push once r is more than ε from 1, so one batch cannot change the policy too
        much.
      </p>
      <Formula
        tex={String.raw`L^{\mathrm{CLIP}} = \mathbb{E}_t\Big[\min\big(r_t \hat A_t,\; \operatorname{clip}(r_t, 1-\epsilon, 1+\epsilon)\,\hat A_t\big)\Big], \qquad r_t = \frac{\pi_\theta(a_t \mid s_t)}{\pi_{\theta_{\mathrm{old}}}(a_t \mid s_t)}`}
        text="L clip equals the expectation over tokens t of the minimum of r t times the advantage, and r t clipped to between 1 minus epsilon and 1 plus epsilon times the advantage; r t is the token's probability under the policy being updated divided by its probability under the policy that sampled it."
        live={String.raw`\min\big(${num(ratio)} \times ${texNum(advantage)},\; ${num(clippedRatio)} \times ${texNum(advantage)}\big) = ${num(value)}`}
        liveText={`the minimum of ${num(ratio)} times ${num(advantage)} and ${num(clippedRatio)} times ${num(advantage)} is ${num(value)}`}
        liveLabel={`With r = ${num(ratio)}, A = ${num(advantage)}, ε = ${num(epsilon)}`}
        terms={CLIP_TERMS}
      />
      <div className="ppo-clip-layout">
        <div>
          <div className="ppo-clip-controls" role="group" aria-label="Inputs of the objective">
            <NumberField
              label="Clip range ε"
              symbol="ε"
              value={epsilon}
              {...EPSILON_RANGE}
              step={0.01}
              slider
              onApply={setEpsilon}
            />
            <NumberField
              label="Advantage A"
              symbol="A"
              value={advantage}
              {...ADVANTAGE_RANGE}
              step={0.1}
              slider
              onApply={setAdvantage}
            />
            <NumberField
              label="Ratio r"
              symbol="r"
              value={ratio}
              {...RATIO_RANGE}
              step={0.01}
              slider
              onApply={setRatio}
            />
          </div>
          <Result {...inputs} />
        </div>
        <ObjectiveChart {...inputs} />
      </div>
      <p>
        The values come from the app&apos;s own <code>ppoClipObjective</code>,{' '}
        <code>isClipped</code> and <code>ppoClipGradient</code>; the training uses the same gradient
        function.
        {last && (
          <>
            {' '}
            In the run shown, ε was {formatNumber(ppo.cliprange)}; in the update of iteration{' '}
            {last.iteration}, {fmtPercent(last.clipFraction)} of the response tokens were on the
            flat part.
          </>
        )}
      </p>
    </Section>
  );
}
