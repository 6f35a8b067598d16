import { useMemo } from 'react';
import { Chart, type ChartSeries } from '../../../components/chart';
import { Formula, type FormulaTerm } from '../../../components/formula';
import { Section } from '../../../components/page/Section';
import { fmtPercent } from '../../../components/run/metrics';
import { useRunSteps } from '../../../components/run/useRunSteps';
import { useThrottledValue } from '../../../components/run/useThrottledValue';
import { DEFAULT_PPO_CONFIG, type PpoIterationMetrics } from '../../../sim';
import { formatNumber } from '../../../store/config';
import type { StageRun } from '../../../store/runs';
import { useStageRun } from '../../shared/useStageRun';
import { num, ppoHeldOutPoints, roundRange, trend } from '../ppoRun';
import { usePpoSettings } from '../usePpoSettings';

const REWARD_TERMS: readonly FormulaTerm[] = [
  {
    tex: String.raw`R(x, y)`,
    text: 'R, the reward PPO maximises',
    seriesKey: 'ppo-rlhf-reward',
    where: 'reward chart, score − β·KL line',
  },
  {
    tex: String.raw`r_\phi(x, y)`,
    text: "the reward model's score",
    seriesKey: 'ppo-score',
    where: 'reward chart, RM score line',
  },
  {
    tex: String.raw`\sum_t \big(\log \pi_\theta - \log \pi_{\mathrm{ref}}\big)`,
    text: 'the sum over tokens of log pi theta minus log pi ref: the k1 KL estimate',
    seriesKey: 'ppo-kl-k1',
    where: 'KL chart, k1 line',
  },
  {
    tex: String.raw`\beta`,
    text: 'beta, the KL coefficient',
    seriesKey: 'ppo-beta',
    where: 'KL chart, β line (adaptive β only)',
  },
];

/** Gold grade and clip share live in [0, 1]: a fixed axis keeps small changes small. */
const UNIT_RANGE = [0, 1] as const;

type PpoRun = StageRun<'ppo'>;
type Metrics = readonly PpoIterationMetrics[];

function emptyMessage(run: PpoRun): string {
  if (run.status === 'running') return 'Waiting for the first iteration…';
  if (run.status === 'loading') return 'Loading the default run…';
  return 'No PPO run yet: press “Train live” above.';
}

/** What every chart of the run shares: the x axis, the empty state, divergence. */
function useCommon(run: PpoRun) {
  const total = useRunSteps('ppo', run);
  const xRange = useMemo(() => [0, total + 1] as const, [total]);
  return {
    xTitle: 'iteration',
    xRange,
    axesWhenEmpty: true,
    emptyMessage: emptyMessage(run),
    diverged: run.status === 'diverged' ? (run.message ?? true) : undefined,
  };
}

/** A fixed y range holding `lists` (and 0), stable while the data stays inside it. */
function useYRange(lists: readonly (readonly number[])[], emptyTop = 1) {
  const [lo, hi] = roundRange(lists, emptyTop);
  return useMemo(() => [lo, hi] as const, [lo, hi]);
}

const column = (metrics: Metrics, key: keyof PpoIterationMetrics) =>
  metrics.map((m) => m[key] ?? Number.NaN);

function RewardChart({ run, metrics }: { run: PpoRun; metrics: Metrics }) {
  const common = useCommon(run);
  const { ppo } = usePpoSettings();
  const before = useThrottledValue(run.summary?.ppo?.heldOut.before, 0);
  const held = useMemo(() => ppoHeldOutPoints(metrics, before), [metrics, before]);
  const series = useMemo<ChartSeries[]>(() => {
    const x = metrics.map((m) => m.iteration);
    return [
      {
        name: 'RM score, rollouts',
        highlightKey: 'ppo-score',
        x,
        y: column(metrics, 'score'),
        paletteIndex: 0,
      },
      {
        name: 'score − β·KL (what PPO maximises)',
        highlightKey: 'ppo-rlhf-reward',
        x,
        y: column(metrics, 'rlhfReward'),
        paletteIndex: 2,
      },
      {
        name: 'RM score, held-out',
        x: held.iteration,
        y: held.score,
        dashed: true,
        paletteIndex: 1,
      },
      {
        name: 'gold score, rollouts (right axis)',
        x,
        y: column(metrics, 'goldScore'),
        yaxis: 2,
        paletteIndex: 3,
      },
      {
        name: 'gold score, held-out (right axis)',
        x: held.iteration,
        y: held.gold,
        dashed: true,
        yaxis: 2,
        paletteIndex: 4,
      },
    ];
  }, [metrics, held]);
  const yRange = useYRange([column(metrics, 'score'), column(metrics, 'rlhfReward'), held.score]);

  const first = metrics[0];
  const last = metrics[metrics.length - 1];
  const h = held.iteration.length;
  const heldText =
    h === 0
      ? ''
      : h === 1
        ? ` Held-out prompts (greedy answers) at iteration ${held.iteration[0]}: score ${num(held.score[0])}, gold ${num(held.gold[0])}.`
        : ` Held-out prompts (greedy answers), iteration ${held.iteration[0]} to ${held.iteration[h - 1]}: score ${trend(held.score[0], held.score[h - 1])}, gold ${trend(held.gold[0], held.gold[h - 1])}.`;
  const description = !last
    ? 'No iterations yet.'
    : `Over iterations ${first.iteration} to ${last.iteration}, the reward-model score of the ` +
      `rollouts (mean of ${ppo.rolloutsPerIteration} each) ${trend(first.score, last.score)} and ` +
      `their gold score (0 to 1) ${trend(first.goldScore, last.goldScore)}. ` +
      `Score − β·KL, what PPO maximises, ended at ${num(last.rlhfReward)}.${heldText}`;

  return (
    <Chart
      {...common}
      title="Reward: the reward model’s score and the gold score"
      description={description}
      series={series}
      yTitle="reward-model score"
      y2Title="gold score (0–1)"
      yRange={yRange}
      y2Range={UNIT_RANGE}
      revision={metrics.length}
      exportName="ppo-reward"
    />
  );
}

function KlChart({ run, metrics }: { run: PpoRun; metrics: Metrics }) {
  const common = useCommon(run);
  const { ppo } = usePpoSettings();
  const adaptive = ppo.klTarget > 0;
  const series = useMemo<ChartSeries[]>(() => {
    const x = metrics.map((m) => m.iteration);
    const out: ChartSeries[] = [
      { name: 'KL, k3 estimate (never < 0)', x, y: column(metrics, 'klK3'), paletteIndex: 0 },
      {
        name: 'k1 estimator, Σ log π/π_ref (can be < 0)',
        highlightKey: 'ppo-kl-k1',
        x,
        y: column(metrics, 'klK1'),
        dashed: true,
        paletteIndex: 1,
      },
    ];
    // A fixed β is a flat line: the title and the description state it instead.
    if (adaptive) {
      out.push({
        name: 'β (right axis)',
        highlightKey: 'ppo-beta',
        x,
        y: column(metrics, 'beta'),
        yaxis: 2,
        paletteIndex: 3,
      });
    }
    return out;
  }, [metrics, adaptive]);
  const yRange = useYRange([column(metrics, 'klK3'), column(metrics, 'klK1')]);

  const first = metrics[0];
  const last = metrics[metrics.length - 1];
  const beta = adaptive
    ? `β adapted toward a target of ${formatNumber(ppo.klTarget)} nats per response: ${trend(first?.beta ?? Number.NaN, last?.beta ?? Number.NaN, 3)}.`
    : `β fixed at ${formatNumber(ppo.klCoef)}.`;
  const description = !last
    ? `No iterations yet. ${beta}`
    : `Over iterations ${first.iteration} to ${last.iteration}, the KL from the SFT model ` +
      `(k3 estimate, summed over each response, mean over the rollouts) ` +
      `${trend(first.klK3, last.klK3, 2, ' nats')}; the k1 estimator ended at ${num(last.klK1)} nats. ${beta}`;

  return (
    <Chart
      {...common}
      title={
        adaptive
          ? 'KL from the SFT reference, and the adaptive KL coefficient β'
          : `KL from the SFT reference (β fixed at ${formatNumber(ppo.klCoef)})`
      }
      description={description}
      series={series}
      yTitle="nats per response"
      y2Title={adaptive ? 'β' : undefined}
      yRange={yRange}
      revision={metrics.length}
      size="short"
      exportName="ppo-kl"
    />
  );
}

function PolicyChart({ run, metrics }: { run: PpoRun; metrics: Metrics }) {
  const common = useCommon(run);
  const { ppo } = usePpoSettings();
  const series = useMemo<ChartSeries[]>(() => {
    const x = metrics.map((m) => m.iteration);
    return [
      { name: 'entropy per token', x, y: column(metrics, 'entropy'), paletteIndex: 0 },
      {
        name: 'share of tokens clipped (right axis)',
        x,
        y: column(metrics, 'clipFraction'),
        yaxis: 2,
        paletteIndex: 1,
      },
    ];
  }, [metrics]);
  const yRange = useYRange([column(metrics, 'entropy')]);

  const first = metrics[0];
  const last = metrics[metrics.length - 1];
  const description = !last
    ? 'No iterations yet.'
    : `Entropy of the policy per response token ${trend(first.entropy, last.entropy, 2, ' nats')}. ` +
      `Share of tokens whose update was clipped (ε = ${formatNumber(ppo.cliprange)}): ` +
      `${fmtPercent(first.clipFraction)} at iteration ${first.iteration}, ${fmtPercent(last.clipFraction)} at iteration ${last.iteration}. ` +
      `Mean ratio π/π_old in the last update ${num(last.ratio, 3)}.`;

  return (
    <Chart
      {...common}
      title="Entropy and clipping"
      description={description}
      series={series}
      yTitle="entropy (nats per token)"
      y2Title="share clipped (0–1)"
      yRange={yRange}
      y2Range={UNIT_RANGE}
      revision={metrics.length}
      size="short"
      exportName="ppo-entropy-clipping"
    />
  );
}

function LossChart({ run, metrics }: { run: PpoRun; metrics: Metrics }) {
  const common = useCommon(run);
  const series = useMemo<ChartSeries[]>(() => {
    const x = metrics.map((m) => m.iteration);
    return [
      { name: 'policy loss', x, y: column(metrics, 'policyLoss'), paletteIndex: 0 },
      { name: 'value loss', x, y: column(metrics, 'valueLoss'), paletteIndex: 1 },
    ];
  }, [metrics]);
  const yRange = useYRange([column(metrics, 'policyLoss'), column(metrics, 'valueLoss')]);

  const first = metrics[0];
  const last = metrics[metrics.length - 1];
  const description = !last
    ? 'No iterations yet.'
    : `Policy loss (minus the clipped objective, with whitened advantages, so it stays near 0) ` +
      `${trend(first.policyLoss, last.policyLoss, 3)}; value loss (½ × squared error of the value head) ` +
      `${trend(first.valueLoss, last.valueLoss, 3)}.`;

  return (
    <Chart
      {...common}
      title="Policy and value loss"
      description={description}
      series={series}
      yTitle="loss"
      yRange={yRange}
      revision={metrics.length}
      size="short"
      exportName="ppo-losses"
    />
  );
}

/** Negative numbers in parentheses, for a product in TeX. */
const texNum = (v: number, digits = 2) => (v < 0 ? `(${num(v, digits)})` : num(v, digits));

/** What PPO maximises, with the last iteration's numbers. */
function RlhfRewardFormula({ metrics }: { metrics: Metrics }) {
  const last = metrics[metrics.length - 1];
  const live = last
    ? String.raw`\overline{R} = ${num(last.score)} - ${texNum(last.beta, 3)} \times ${texNum(last.klK1)} = ${num(last.rlhfReward)}`
    : undefined;
  const liveText = last
    ? `Iteration ${last.iteration}: mean score ${num(last.score)} minus beta ${num(last.beta, 3)} times the k1 estimate ${num(last.klK1)} nats equals ${num(last.rlhfReward)}.`
    : undefined;
  return (
    <Formula
      tex={String.raw`R(x, y) = r_\phi(x, y) - \beta \sum_{t} \big(\log \pi_\theta(y_t \mid x, y_{<t}) - \log \pi_{\mathrm{ref}}(y_t \mid x, y_{<t})\big)`}
      text="R of x and y equals the reward model's score of x and y minus beta times the sum over the response tokens of log pi theta minus log pi ref of that token."
      live={live}
      liveText={liveText}
      liveLabel={
        last ? `Iteration ${last.iteration} of this run (means over its rollouts)` : undefined
      }
      terms={REWARD_TERMS}
    />
  );
}

/** Reward, KL and β, entropy and clipping, and the losses, iteration by iteration. */
export function PpoCurvesSection() {
  const run = useStageRun('ppo');
  // Redrawn in a task of its own, after the page's update.
  const metrics = useThrottledValue(run.metrics, 0);
  // Typeset at most once a second.
  const formulaMetrics = useThrottledValue(run.metrics, 1000);
  return (
    <Section id="ppo-curves" title="Reward and KL, iteration by iteration">
      <p>
        Each iteration samples answers from the policy, scores them, and updates the policy on them.
        The reward model&apos;s score is re-centred so that the SFT model&apos;s own answers average
        0, and an answer that never ends loses {DEFAULT_PPO_CONFIG.missingEosPenalty} point; the
        gold score is the rule-based grade (0 to 1) that the reward model only approximates.
        Held-out points are greedy answers to prompts about facts PPO never trains on.
      </p>
      <RewardChart run={run} metrics={metrics} />
      <RlhfRewardFormula metrics={formulaMetrics} />
      <p>
        The KL divergence is estimated from the sampled tokens. The k1 estimator (log π − log π
        <sub>ref</sub>) is what the reward subtracts; it averages to the KL but a single sample can
        be negative. The k3 estimator has the same average and is never negative.
      </p>
      <KlChart run={run} metrics={metrics} />
      <PolicyChart run={run} metrics={metrics} />
      <LossChart run={run} metrics={metrics} />
    </Section>
  );
}
