import { useMemo } from 'react';
import { Chart, type ChartSeries } from '../../../components/chart';
import { Formula, type FormulaTerm } from '../../../components/formula';
import { Section } from '../../../components/page/Section';
import {
  FINAL_WINDOW,
  finalTrainLoss,
  fmt,
  heldOutPoints,
  lastHeldOut,
  maxFinite,
  niceCeil,
} from '../../../components/run/metrics';
import { useRunSteps } from '../../../components/run/useRunSteps';
import { useConfigStore } from '../../../store/config';
import { useThrottledValue } from '../../../components/run/useThrottledValue';
import type { StageRun } from '../../../store/runs';
import { useStageRun } from '../../shared/useStageRun';

const SFT_LOSS_TERMS: readonly FormulaTerm[] = [
  {
    tex: String.raw`\mathcal{L}_{\mathrm{SFT}}\ \text{on training pairs}`,
    text: 'L SFT on the training pairs',
    seriesKey: 'sft-loss-train',
    where: 'masked-loss chart, train line',
  },
  {
    tex: String.raw`\mathcal{L}_{\mathrm{SFT}}\ \text{on held-out pairs}`,
    text: 'L SFT on held-out pairs',
    seriesKey: 'sft-loss-heldout',
    where: 'masked-loss chart, held-out line',
  },
];

const integer = new Intl.NumberFormat('en-GB');

function emptyMessage(run: StageRun): string {
  if (run.status === 'running') return 'Waiting for the first steps…';
  if (run.status === 'loading') return 'Loading the default run…';
  return 'No SFT run yet: press “Train live” above.';
}

/** The masked SFT loss: the formula with the run's numbers, and its curve. */
export function SftLossSection() {
  const run = useStageRun('sft');
  // The chart redraws in a task of its own, after the page's update.
  const metrics = useThrottledValue(run.metrics, 0);
  // The formula is typeset at most once a second, in a task apart from the chart's.
  const formulaMetrics = useThrottledValue(run.metrics, 1000);
  const train = finalTrainLoss(formulaMetrics);
  const held = lastHeldOut(formulaMetrics);
  const last = metrics[metrics.length - 1];
  const heldNow = lastHeldOut(metrics);

  const series = useMemo<ChartSeries[]>(() => {
    const points = heldOutPoints(metrics);
    return [
      {
        name: 'train (masked)',
        highlightKey: 'sft-loss-train',
        x: metrics.map((m) => m.step),
        y: metrics.map((m) => m.loss),
        paletteIndex: 0,
      },
      {
        name: 'held-out (masked)',
        highlightKey: 'sft-loss-heldout',
        x: points.map((p) => p.step),
        y: points.map((p) => p.loss),
        dashed: true,
        paletteIndex: 1,
      },
    ];
  }, [metrics]);

  // Fixed ranges keep Plotly to redrawing traces while a run streams (see figure.ts).
  const totalSteps = useRunSteps('sft', run);
  const vocab = useConfigStore((state) => state.config.model.vocabSize);
  const yTop = niceCeil(
    (metrics.length > 0 ? maxFinite(...series.map((s) => s.y)) : Math.log(vocab)) * 1.02,
  );
  const xRange = useMemo(() => [0, totalSteps + 1] as const, [totalSteps]);
  const yRange = useMemo(() => [0, yTop] as const, [yTop]);

  const live =
    train !== null && held
      ? String.raw`\mathcal{L}^{\text{train}}_{\mathrm{SFT}} = ${fmt(train)}, \qquad \mathcal{L}^{\text{held-out}}_{\mathrm{SFT}} = ${fmt(held.loss)} \;\Rightarrow\; p(\text{expert token}) \approx e^{-${fmt(held.loss)}} = ${fmt(Math.exp(-held.loss))}`
      : undefined;
  const liveText =
    train !== null && held
      ? `Masked train loss ${fmt(train)} (mean of the last ${FINAL_WINDOW} steps), held-out ${fmt(held.loss)} at step ${held.step}: on average the model gives the expert's next token a probability of about ${fmt(Math.exp(-held.loss))} (geometric mean).`
      : undefined;

  const description =
    metrics.length === 0
      ? 'No steps yet.'
      : `Masked loss went from ${fmt(metrics[0].loss)} to ${fmt(last.loss)} over ${last.step} steps` +
        (heldNow ? `; held-out ${fmt(heldNow.loss)} at step ${heldNow.step}.` : '.') +
        ` ${integer.format(last.tokensSeen)} response tokens counted in all.`;

  return (
    <Section id="sft-loss" title="The loss: cross-entropy on the response only">
      <p>
        SFT uses the same next-token loss as pretraining, but averages it only over the positions of
        the response. The model is not trained to predict the instruction, only how an expert
        answers it.
      </p>
      <Chart
        title="SFT loss (response tokens only)"
        description={description}
        series={series}
        xTitle="step"
        yTitle="masked loss (nats per token)"
        xRange={xRange}
        yRange={yRange}
        axesWhenEmpty
        revision={metrics.length}
        diverged={run.status === 'diverged' ? (run.message ?? true) : undefined}
        emptyMessage={emptyMessage(run)}
        exportName="sft-loss"
      />
      <Formula
        tex={String.raw`\mathcal{L}_{\mathrm{SFT}}(\theta) = -\frac{1}{|R|}\sum_{t \in R} \log p_\theta(x_t \mid x_{<t})`}
        text="L SFT of theta equals minus one over the number of response positions, times the sum over response positions t of log p theta of x t given the tokens before it."
        live={live}
        liveText={liveText}
        liveLabel={`With this run's numbers (train: mean of the last ${FINAL_WINDOW} steps)`}
        terms={SFT_LOSS_TERMS}
      />
      <p>R is the set of positions holding response tokens; every other position is masked.</p>
    </Section>
  );
}
