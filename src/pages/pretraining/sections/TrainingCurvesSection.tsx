import { useId, useMemo, useState } from 'react';
import { Chart, type ChartSeries } from '../../../components/chart';
import { Section } from '../../../components/page/Section';
import {
  fmt,
  fmtPerplexity,
  heldOutPoints,
  lastHeldOut,
  maxFinite,
  niceCeil,
} from '../../../components/run/metrics';
import { learningRateSchedule } from '../../../sim';
import { formatNumber, useConfigStore } from '../../../store/config';
import { useRunSteps } from '../../../components/run/useRunSteps';
import { useThrottledValue } from '../../../components/run/useThrottledValue';
import type { StageRun } from '../../../store/runs';
import { useStageRun } from '../../shared/useStageRun';

type Scale = 'loss' | 'perplexity';

const toScale = (scale: Scale, loss: number) => (scale === 'loss' ? loss : Math.exp(loss));

function emptyMessage(run: StageRun<'pretrain'>): string {
  if (run.status === 'running') return 'Waiting for the first steps…';
  if (run.status === 'loading') return 'Loading the default run…';
  return 'No run yet: press “Train live” above.';
}

function LossChart({ run }: { run: StageRun<'pretrain'> }) {
  const id = useId();
  const [scale, setScale] = useState<Scale>('loss');
  const [logY, setLogY] = useState(false);
  // Redrawn in a task of its own, after the page's update: the two never add up.
  const metrics = useThrottledValue(run.metrics, 0);
  const unigram = useThrottledValue(run.summary?.unigramLoss, 0);

  const series = useMemo<ChartSeries[]>(() => {
    const toY = (loss: number) => toScale(scale, loss);
    const steps = metrics.map((m) => m.step);
    const held = heldOutPoints(metrics);
    const out: ChartSeries[] = [
      {
        name: 'train',
        highlightKey: 'pretrain-loss-train',
        x: steps,
        y: metrics.map((m) => toY(m.loss)),
        paletteIndex: 0,
      },
      {
        name: 'held-out',
        highlightKey: 'pretrain-loss-heldout',
        x: held.map((p) => p.step),
        y: held.map((p) => toY(p.loss)),
        dashed: true,
        paletteIndex: 1,
      },
    ];
    if (unigram !== undefined && steps.length > 0) {
      out.push({
        name: 'unigram baseline',
        highlightKey: 'pretrain-unigram',
        x: [steps[0], steps[steps.length - 1]],
        y: [toY(unigram), toY(unigram)],
        dashed: true,
        paletteIndex: 2,
      });
    }
    return out;
  }, [metrics, unigram, scale]);

  // Fixed ranges keep Plotly to redrawing traces while a run streams (see figure.ts).
  const totalSteps = useRunSteps('pretrain', run);
  const xRange = useMemo(() => [0, totalSteps + 1] as const, [totalSteps]);
  // Before any step: a random model's loss is about ln V, so the axis is ready for it.
  const vocab = useConfigStore((state) => state.config.model.vocabSize);
  const highest =
    metrics.length > 0 ? maxFinite(...series.map((s) => s.y)) : toScale(scale, Math.log(vocab));
  const yTop = niceCeil(highest * 1.02);
  const yRange = useMemo(() => [0, yTop] as const, [yTop]);

  const last = metrics[metrics.length - 1];
  const held = lastHeldOut(metrics);
  const value = (loss: number) => (scale === 'loss' ? fmt(loss) : fmtPerplexity(Math.exp(loss)));
  const description =
    metrics.length === 0
      ? 'No steps yet.'
      : `Train ${scale} went from ${value(metrics[0].loss)} to ${value(last.loss)} over ${last.step} steps` +
        (held ? `; held-out ${value(held.loss)} at step ${held.step}` : '') +
        (unigram !== undefined
          ? `; the unigram baseline (no context) is ${value(unigram)}.`
          : '; the unigram baseline appears when the run finishes.');

  return (
    <>
      <div className="controls" role="group" aria-label="Loss chart options">
        <fieldset className="segmented">
          <legend className="visually-hidden">Show</legend>
          {(['loss', 'perplexity'] as const).map((s) => (
            <label key={s} className="segmented-option">
              <input
                type="radio"
                name={`${id}-scale`}
                value={s}
                checked={scale === s}
                onChange={() => setScale(s)}
              />
              {s === 'loss' ? 'Loss (nats)' : 'Perplexity'}
            </label>
          ))}
        </fieldset>
        <label className="checkbox">
          <input type="checkbox" checked={logY} onChange={(e) => setLogY(e.target.checked)} /> Log
          scale
        </label>
      </div>
      <Chart
        title={scale === 'loss' ? 'Cross-entropy loss' : 'Perplexity'}
        description={description}
        series={series}
        xTitle="step"
        yTitle={scale === 'loss' ? 'loss (nats per token)' : 'perplexity'}
        logY={logY}
        xRange={xRange}
        yRange={logY ? undefined : yRange}
        axesWhenEmpty
        revision={metrics.length}
        diverged={run.status === 'diverged' ? (run.message ?? true) : undefined}
        emptyMessage={emptyMessage(run)}
        exportName="pretraining-loss"
      />
    </>
  );
}

function LearningRateChart({ run }: { run: StageRun<'pretrain'> }) {
  const { steps, learningRate, warmupSteps, minLrRatio } = useConfigStore(
    (state) => state.config.pretrain,
  );
  const planned = useMemo(
    () => learningRateSchedule(steps, learningRate, warmupSteps, minLrRatio),
    [steps, learningRate, warmupSteps, minLrRatio],
  );
  const plannedSteps = useMemo(() => planned.map((_, i) => i + 1), [planned]);
  // Once a second, in its own task: the loss chart above is the one to watch move.
  const metrics = useThrottledValue(run.metrics, 1000);
  const used = metrics.map((m) => m.learningRate);
  const lastStep = metrics.length > 0 ? metrics[metrics.length - 1].step : 0;
  const xTop = Math.max(steps, lastStep) + 1;
  const yTop = niceCeil(maxFinite(planned, used) * 1.02);
  const xRange = useMemo(() => [0, xTop] as const, [xTop]);
  const yRange = useMemo(() => [0, yTop] as const, [yTop]);
  const series: ChartSeries[] = [
    {
      name: 'planned (this configuration)',
      x: plannedSteps,
      y: planned,
      dashed: true,
      paletteIndex: 3,
    },
    {
      name: 'used by the run',
      x: metrics.map((m) => m.step),
      y: used,
      paletteIndex: 0,
    },
  ];
  return (
    <Chart
      title="Learning-rate schedule"
      description={`Linear warmup to ${formatNumber(learningRate)} over ${warmupSteps} steps, then cosine decay to ${formatNumber(learningRate * minLrRatio)} at step ${steps}.`}
      series={series}
      xTitle="step"
      yTitle="learning rate"
      xRange={xRange}
      yRange={yRange}
      revision={metrics.length}
      size="short"
    />
  );
}

/** Loss and perplexity (train, held-out, unigram baseline) and the learning-rate schedule. */
export function TrainingCurvesSection() {
  const run = useStageRun('pretrain');
  return (
    <Section id="training-curves" title="Loss, perplexity and learning rate">
      <p>
        Training loss on each step&apos;s batch; held-out loss, every few steps, on documents the
        model never trains on. The unigram baseline knows only how common each token is: the gap
        below it is what reading the context buys.
      </p>
      <LossChart run={run} />
      <LearningRateChart run={run} />
    </Section>
  );
}
