import { useMemo } from 'react';
import { Chart, type ChartSeries } from '../../../components/chart';
import { Section } from '../../../components/page/Section';
import { FINAL_WINDOW, fmt, maxFinite, niceCeil } from '../../../components/run/metrics';
import { useRunSteps } from '../../../components/run/useRunSteps';
import { useThrottledValue } from '../../../components/run/useThrottledValue';
import type { RewardStepMetrics } from '../../../sim';
import type { StageRun } from '../../../store/runs';
import { useRunsView } from '../../../store/runsView';
import { useStageRun } from '../../shared/useStageRun';
import {
  CHANCE_LOSS,
  fmtPct,
  fmtSigned,
  rewardEvalPoints,
  tailMean,
  trend,
  type RewardEvalPoint,
} from '../figures';
import { useChangeCount } from '../useChangeCount';

type RewardRun = StageRun<'reward'>;

function useEmptyMessage(run: RewardRun): string {
  const waiting = useRunsView((state) => state.active?.queue.includes('reward') ?? false);
  if (waiting) return 'The SFT model trains first; the reward model’s curves follow.';
  if (run.status === 'running') return 'Waiting for the first steps…';
  if (run.status === 'loading') return 'Loading the default run…';
  return 'No reward-model run yet: press “Train live” above.';
}

/** The x axis of every curve: the whole run while it trains (see useRunSteps). */
function useStepRange(run: RewardRun): readonly [number, number] {
  const totalSteps = useRunSteps('reward', run);
  return useMemo(() => [0, totalSteps + 1] as const, [totalSteps]);
}

/** A flat reference line across the run's steps (only once there are steps). */
function referenceLine(
  name: string,
  value: number,
  range: readonly [number, number],
  paletteIndex: number,
): ChartSeries {
  return { name, x: [1, range[1] - 1], y: [value, value], dashed: true, paletteIndex };
}

function heldOutText(
  held: RewardEvalPoint[],
  value: (p: RewardEvalPoint) => number,
  show: (v: number) => string,
): string {
  if (held.length === 0) return 'no held-out evaluation yet';
  const first = held[0];
  const last = held[held.length - 1];
  if (held.length === 1) return `${show(value(first))} at step ${first.step}`;
  return `${trend(show(value(first)), show(value(last)), value(first), value(last))} (steps ${first.step} to ${last.step})`;
}

function LossChart({ run, metrics }: { run: RewardRun; metrics: readonly RewardStepMetrics[] }) {
  const xRange = useStepRange(run);
  const emptyMessage = useEmptyMessage(run);
  const series = useMemo<ChartSeries[]>(() => {
    const held = rewardEvalPoints(metrics);
    const out: ChartSeries[] = [
      {
        name: 'train (batch)',
        highlightKey: 'rm-loss-train',
        x: metrics.map((m) => m.step),
        y: metrics.map((m) => m.loss),
        paletteIndex: 0,
      },
      {
        name: 'held-out',
        highlightKey: 'rm-loss-heldout',
        x: held.map((p) => p.step),
        y: held.map((p) => p.loss),
        dashed: true,
        paletteIndex: 1,
      },
    ];
    if (metrics.length > 0) out.push(referenceLine('chance: ln 2', CHANCE_LOSS, xRange, 2));
    return out;
  }, [metrics, xRange]);
  const revision = useChangeCount(series);
  const yTop = niceCeil(Math.max(CHANCE_LOSS, maxFinite(...series.map((s) => s.y))) * 1.05);
  const yRange = useMemo(() => [0, yTop] as const, [yTop]);

  const held = rewardEvalPoints(metrics);
  const last = metrics[metrics.length - 1];
  const description =
    metrics.length === 0
      ? 'No steps yet.'
      : `Training loss went from ${fmt(metrics[0].loss)} to ${fmt(tailMean(metrics, 'loss'))} (mean of the last ${FINAL_WINDOW} steps) over ${last.step} steps; ` +
        `held-out loss ${heldOutText(
          held,
          (p) => p.loss,
          (v) => fmt(v),
        )}; ` +
        `a model that cannot tell the answers apart scores ln 2 = ${fmt(CHANCE_LOSS)}.`;

  return (
    <Chart
      title="Bradley–Terry loss"
      description={description}
      series={series}
      xTitle="step"
      yTitle="loss (nats per pair)"
      xRange={xRange}
      yRange={yRange}
      axesWhenEmpty
      revision={revision}
      diverged={run.status === 'diverged' ? (run.message ?? true) : undefined}
      emptyMessage={emptyMessage}
      exportName="reward-model-loss"
    />
  );
}

const ACCURACY_RANGE = [0, 102] as const;

function AccuracyChart({
  run,
  metrics,
}: {
  run: RewardRun;
  metrics: readonly RewardStepMetrics[];
}) {
  const xRange = useStepRange(run);
  const emptyMessage = useEmptyMessage(run);
  const series = useMemo<ChartSeries[]>(() => {
    const held = rewardEvalPoints(metrics);
    const out: ChartSeries[] = [
      {
        name: 'train (batch)',
        highlightKey: 'rm-accuracy-train',
        x: metrics.map((m) => m.step),
        y: metrics.map((m) => m.accuracy * 100),
        paletteIndex: 0,
      },
      {
        name: 'held-out',
        highlightKey: 'rm-accuracy-heldout',
        x: held.map((p) => p.step),
        y: held.map((p) => p.accuracy * 100),
        dashed: true,
        paletteIndex: 1,
      },
    ];
    if (metrics.length > 0) out.push(referenceLine('chance: 50%', 50, xRange, 2));
    return out;
  }, [metrics, xRange]);
  const revision = useChangeCount(series);

  const held = rewardEvalPoints(metrics);
  const description =
    metrics.length === 0
      ? 'No steps yet.'
      : `Held-out accuracy ${heldOutText(held, (p) => p.accuracy, fmtPct)}; ` +
        `training batches average ${fmtPct(tailMean(metrics, 'accuracy'))} over the last ${FINAL_WINDOW} steps; ` +
        'guessing scores 50%.';

  return (
    <Chart
      title="Accuracy: pairs ranked the experts' way"
      description={description}
      series={series}
      xTitle="step"
      yTitle="ranked right (%)"
      xRange={xRange}
      yRange={ACCURACY_RANGE}
      axesWhenEmpty
      revision={revision}
      emptyMessage={emptyMessage}
      exportName="reward-model-accuracy"
    />
  );
}

function MarginChart({ run, metrics }: { run: RewardRun; metrics: readonly RewardStepMetrics[] }) {
  const xRange = useStepRange(run);
  const emptyMessage = useEmptyMessage(run);
  const series = useMemo<ChartSeries[]>(() => {
    const held = rewardEvalPoints(metrics);
    return [
      {
        name: 'train (batch)',
        highlightKey: 'rm-margin-train',
        x: metrics.map((m) => m.step),
        y: metrics.map((m) => m.meanMargin),
        paletteIndex: 0,
      },
      {
        name: 'held-out',
        highlightKey: 'rm-margin-heldout',
        x: held.map((p) => p.step),
        y: held.map((p) => p.margin),
        dashed: true,
        paletteIndex: 1,
      },
    ];
  }, [metrics]);
  const revision = useChangeCount(series);
  // Margins start at 0 and may dip below it early on: the axis keeps 0 in view.
  const values = series.flatMap((s) => Array.from(s.y)).filter(Number.isFinite);
  const low = values.length > 0 ? Math.min(0, ...values) : 0;
  const yTop = niceCeil(maxFinite(...series.map((s) => s.y)) * 1.05);
  const yBottom = low < 0 ? -niceCeil(-low * 1.05) : 0;
  const yRange = useMemo(() => [yBottom, yTop] as const, [yBottom, yTop]);

  const held = rewardEvalPoints(metrics);
  const description =
    metrics.length === 0
      ? 'No steps yet.'
      : `Mean margin r(chosen) − r(rejected) on held-out pairs ${heldOutText(
          held,
          (p) => p.margin,
          (v) => fmtSigned(v),
        )}; ` +
        `on the training batches ${fmtSigned(tailMean(metrics, 'meanMargin'))} (mean of the last ${FINAL_WINDOW} steps). ` +
        'At 0 the model has no preference.';

  return (
    <Chart
      title="Mean margin"
      description={description}
      series={series}
      xTitle="step"
      yTitle="r(chosen) − r(rejected)"
      xRange={xRange}
      yRange={yRange}
      axesWhenEmpty
      revision={revision}
      emptyMessage={emptyMessage}
      size="short"
      exportName="reward-model-margin"
    />
  );
}

/** The final figures over the whole training and held-out sets (measured in the Worker). */
function FinalFigures({ run }: { run: RewardRun }) {
  const reward = run.summary?.reward;
  if (!reward) return null;
  const { finalTrain, finalHeldOut, data } = reward;
  return (
    <p className="figure-line">
      {finalHeldOut ? (
        <>
          <strong>
            Held-out accuracy {fmtPct(finalHeldOut.accuracy)} on {data.heldOut} pairs
          </strong>{' '}
          about facts it never trained on (loss {fmt(finalHeldOut.loss)}, mean margin{' '}
          {fmtSigned(finalHeldOut.meanMargin)}), against {fmtPct(finalTrain.accuracy)} on its{' '}
          {data.train} training pairs.
        </>
      ) : (
        <>
          <strong>Training accuracy {fmtPct(finalTrain.accuracy)}</strong> on {data.train} pairs;
          this run held no pairs out.
        </>
      )}
      {data.tooLong > 0 &&
        ` ${data.tooLong} pair${data.tooLong === 1 ? ' was' : 's were'} too long for the context window and left out.`}
    </p>
  );
}

/** Loss, accuracy and margin while the reward model trains; train per batch, held-out dashed. */
export function RewardCurvesSection() {
  const run = useStageRun('reward');
  // Each chart redraws in a task of its own, after the page's update; the margin less often.
  const metrics = useThrottledValue(run.metrics, 0);
  const accuracyMetrics = useThrottledValue(run.metrics, 0);
  const marginMetrics = useThrottledValue(run.metrics, 1000);
  return (
    <Section id="training-curves" title="Loss, accuracy and margin">
      <p>
        Each step scores a batch of preference pairs and pushes the chosen answer&apos;s score above
        the rejected one&apos;s. Accuracy is the share of pairs ranked the experts&apos; way; the
        held-out pairs (dashed) are about facts the model never trained on, so they measure whether
        it learned the qualities rather than the facts.
      </p>
      <FinalFigures run={run} />
      <div className="reward-charts">
        <LossChart run={run} metrics={metrics} />
        <AccuracyChart run={run} metrics={accuracyMetrics} />
      </div>
      <MarginChart run={run} metrics={marginMetrics} />
    </Section>
  );
}
